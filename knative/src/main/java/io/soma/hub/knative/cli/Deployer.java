package io.soma.hub.knative.cli;

import io.fabric8.knative.serving.v1.RevisionTemplateSpec;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Creates or updates a function's Service from its manifest with a given image. Every deploy stamps the revision
 * template with an annotation, so that the same tag pushed again still makes a new Revision. An existing Service
 * keeps its traffic block: with the default (all traffic to the latest revision) the new Revision takes over once
 * Ready; traffic pinned to revisions (a canary split) stays pinned until {@code traffic} moves it, as with
 * {@code kn service update}.
 */
final class Deployer {

  static final String DEPLOYED_AT = "hub.soma.io/deployed-at";
  static final String IMAGE = "hub.soma.io/image";

  private final ServingApi api;

  Deployer(ServingApi api) {
    this.api = api;
  }

  /** Applies the template; answers whether the Service was created (false: updated). */
  boolean apply(Service template, String image, Instant now) {
    Service desired = withImage(template, image, now);
    String name = desired.getMetadata().getName();
    if (api.find(name) == null) {
      api.create(desired);
      return true;
    }
    api.edit(name, current -> {
      ObjectMeta meta = current.getMetadata();
      meta.setLabels(merged(meta.getLabels(), desired.getMetadata().getLabels()));
      meta.setAnnotations(merged(meta.getAnnotations(), desired.getMetadata().getAnnotations()));
      current.getSpec().setTemplate(desired.getSpec().getTemplate());
      return current;
    });
    return false;
  }

  static Service withImage(Service template, String image, Instant now) {
    Service copy = new ServiceBuilder(template).build();
    if (ManifestTemplates.containers(copy).isEmpty()) {
      throw CliFailure.failed(copy.getMetadata().getName() + " has no container in spec.template.spec");
    }
    copy.getMetadata().setNamespace(null);
    copy.getMetadata().setResourceVersion(null);
    copy.setStatus(null);
    ManifestTemplates.containers(copy).get(0).setImage(image);
    RevisionTemplateSpec revision = copy.getSpec().getTemplate();
    if (revision.getMetadata() == null) {
      revision.setMetadata(new ObjectMeta());
    }
    // A manifest may name its revision; a fixed name would make the second deploy fail, so Knative names it.
    revision.getMetadata().setName(null);
    revision.getMetadata().setAnnotations(merged(revision.getMetadata().getAnnotations(),
        Map.of(DEPLOYED_AT, now.toString(), IMAGE, image)));
    return copy;
  }

  private static Map<String, String> merged(Map<String, String> base, Map<String, String> extra) {
    Map<String, String> result = new HashMap<>(base == null ? Map.of() : base);
    if (extra != null) {
      result.putAll(extra);
    }
    return result;
  }
}
