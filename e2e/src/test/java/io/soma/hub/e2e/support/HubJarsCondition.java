package io.soma.hub.e2e.support;

import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

final class HubJarsCondition implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    List<String> missing =
        HubJars.ALL.stream()
            .filter(jar -> !Files.isRegularFile(HubJars.root().resolve(jar)))
            .collect(Collectors.toList());
    return missing.isEmpty()
        ? ConditionEvaluationResult.enabled("the hub jars are built")
        : ConditionEvaluationResult.disabled("not built: " + String.join(", ", missing));
  }
}
