package io.soma.hub.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.memory.RememberBody;
import io.soma.hub.orchestration.campaign.CampaignIds;
import io.soma.hub.orchestration.session.SessionIds;
import io.soma.hub.orchestration.wizard.WizardIds;
import io.soma.hub.store.memory.MemoryKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * The document's grammars are the code's: each identifier's and header's schema accepts exactly
 * what its one place in code accepts, and "not blank" is Java's {@link String#isBlank()} for every
 * code point.
 */
class OpenApiGrammarsContractTest {

  private static final OpenApiSchemas DOCUMENT = OpenApiContractTest.DOCUMENT;

  @Test
  void sessionWizardAndCampaignIds() {
    String wizard = WizardIds.newSessionId();
    List<String> probes =
        new ArrayList<>(
            List.of(
                SessionIds.newSessionId(),
                SessionIds.fromIdempotencyKey("t", "k"),
                SessionIds.newSessionId().toUpperCase(),
                "00000000-0000-0000-0000-000000000000",
                wizard,
                "wiz-ABCDEF012345",
                CampaignIds.forWizard(wizard),
                "camp-0123456789a",
                "camp-0123456789abc",
                "",
                "x",
                "wiz-",
                "camp-"));
    probes.add("{" + SessionIds.newSessionId() + "}");
    probes.add(SessionIds.newSessionId().replace("-", ""));

    assertAgree("SessionId", probes, SessionIds::isSessionId);
    assertAgree("WizardId", probes, WizardIds::isSessionId);
    assertAgree("CampaignId", probes, CampaignIds::isCampaignId);
  }

  @Test
  void memoryKeys() {
    List<String> probes =
        new ArrayList<>(
            List.of(
                "",
                ".",
                "..",
                "...",
                "search",
                "refresh",
                "searches",
                "a",
                "a.b",
                ".a",
                "k".repeat(200),
                "k".repeat(201),
                "a b",
                "é",
                "campaign:spring:content:post-1"));
    IntStream.range(0, 128).forEach(c -> probes.add("a" + (char) c));

    assertAgree("MemoryKey", probes, MemoryKeys::valid);
  }

  @Test
  void idempotencyKeys() {
    List<String> probes =
        new ArrayList<>(List.of("", "a", "a".repeat(255), "a".repeat(256), "é", "run-42"));
    IntStream.range(0, 128).forEach(c -> probes.add("a" + (char) c));

    assertAgree(
        "Idempotency-Key",
        probes,
        key -> {
          try {
            IdempotencyKeys.check(key);
            return true;
          } catch (InvalidInputException e) {
            return false;
          }
        });
  }

  @Test
  void notBlankIsJavasIsBlankForEveryCodePoint() {
    Pattern nonBlank =
        Pattern.compile(
            OpenApiSchemas.javaPattern(
                DOCUMENT.at("/components/schemas/NonBlankText").get("pattern").asString()));
    Pattern text =
        Pattern.compile(
            OpenApiSchemas.javaPattern(
                DOCUMENT.at("/components/schemas/Text").get("pattern").asString()));
    List<String> disagreements = new ArrayList<>();
    for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
      if (Character.getType(codePoint) == Character.SURROGATE) {
        continue;
      }
      String s = Character.toString(codePoint);
      boolean inCode = codePoint != 0 && !s.isBlank();
      if (nonBlank.matcher(s).find() != inCode || text.matcher(s).find() != (codePoint != 0)) {
        disagreements.add(Integer.toHexString(codePoint));
      }
    }

    assertThat(disagreements).isEmpty();
    assertThat(nonBlank.matcher(" a ").find()).isTrue();
    assertThat(nonBlank.matcher("a\u0000").find()).isFalse();
  }

  @Test
  void aMemoryValueIsAtMostItsCompactJsonBytes() {
    int max =
        DOCUMENT
            .at("/components/schemas/RememberBody/properties/value")
            .get("x-max-compact-json-bytes")
            .asInt();
    String atLimit = "\"" + "v".repeat(max - 2) + "\"";
    String overLimit = "\"" + "v".repeat(max - 1) + "\"";

    assertThat(JsonBodies.parse("{\"key\":\"k\",\"value\":" + atLimit + "}", RememberBody.class))
        .isNotNull();
    try {
      JsonBodies.parse("{\"key\":\"k\",\"value\":" + overLimit + "}", RememberBody.class);
      throw new AssertionError("a value of " + (max + 1) + " bytes was taken");
    } catch (InvalidInputException e) {
      assertThat(e.field()).isEqualTo("value");
    }
  }

  private static void assertAgree(String name, List<String> probes, Predicate<String> code) {
    JsonNode parameter =
        name.equals("MemoryKey")
            ? DOCUMENT.at("/components/schemas/MemoryKey")
            : DOCUMENT.at("/components/parameters/" + name).get("schema");
    List<String> disagreements =
        probes.stream()
            .filter(
                probe -> DOCUMENT.accepts(parameter, StringNode.valueOf(probe)) != code.test(probe))
            .map(
                probe ->
                    "'"
                        + probe
                        + "' ("
                        + (code.test(probe) ? "taken" : "refused")
                        + " by the code)")
            .toList();

    assertThat(disagreements).as(name).isEmpty();
  }
}
