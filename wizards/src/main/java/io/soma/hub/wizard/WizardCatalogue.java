package io.soma.hub.wizard;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wizards the hub offers, read once from the classpath ({@code wizards/*.yaml} listed in {@link
 * #RESOURCES}).
 */
public final class WizardCatalogue {

  static final List<String> RESOURCES = List.of("wizards/marketing_campaign_v1.yaml");

  private static final WizardCatalogue STANDARD = load(RESOURCES);

  private final Map<String, WizardDefinition> wizards;

  private WizardCatalogue(Map<String, WizardDefinition> wizards) {
    this.wizards = wizards;
  }

  /**
   * The catalogue of this build. Immutable, so one instance serves every thread and every workflow.
   */
  public static WizardCatalogue standard() {
    return STANDARD;
  }

  static WizardCatalogue load(List<String> resources) {
    Map<String, WizardDefinition> wizards = new LinkedHashMap<>();
    for (String resource : resources) {
      InputStream yaml = WizardCatalogue.class.getClassLoader().getResourceAsStream(resource);
      if (yaml == null) {
        throw new IllegalStateException("wizard catalogue resource " + resource + " is missing");
      }
      WizardDefinition definition = CatalogueParser.parse(yaml, resource);
      if (wizards.putIfAbsent(definition.id(), definition) != null) {
        throw new IllegalStateException("wizard " + definition.id() + " is defined twice");
      }
    }
    return new WizardCatalogue(Map.copyOf(wizards));
  }

  public Optional<WizardDefinition> find(String wizardId) {
    return Optional.ofNullable(wizardId).map(wizards::get);
  }

  /** Every wizard, ordered by id. */
  public List<WizardDefinition> all() {
    return wizards.values().stream()
        .sorted(java.util.Comparator.comparing(WizardDefinition::id))
        .toList();
  }
}
