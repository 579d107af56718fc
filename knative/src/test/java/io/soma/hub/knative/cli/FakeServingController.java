package io.soma.hub.knative.cli;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.knative.pkg.apis.Condition;
import io.fabric8.knative.pkg.apis.ConditionBuilder;
import io.fabric8.knative.serving.v1.Revision;
import io.fabric8.knative.serving.v1.RevisionBuilder;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceStatusBuilder;
import io.fabric8.knative.serving.v1.TrafficTarget;
import io.fabric8.knative.serving.v1.TrafficTargetBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the Knative Serving controller against the CRUD mock server: for each new generation of a
 * Service it makes a Revision when the template changed and writes the status a real controller
 * would. The image decides the outcome: "broken" fails the Revision (Ready=False RevisionFailed),
 * "stuck" never becomes ready, others do.
 */
final class FakeServingController implements AutoCloseable {

  private final KnativeClient client;
  private final String namespace;
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "fake-serving-controller");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, Object> lastTemplate = new HashMap<>();
  private final Map<String, Integer> revisionCount = new HashMap<>();

  private FakeServingController(KnativeClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /**
   * Creates or updates a fixture Service with an image directly in the mock (the mock server cannot
   * do server-side apply, which {@code deploy} uses: deploy itself is tested on the local cluster).
   */
  static void put(KnativeClient client, String namespace, String name, String image) {
    Service template;
    try (java.io.InputStream in =
        java.nio.file.Files.newInputStream(CliRun.FIXTURES.resolve(name + ".yaml"))) {
      template =
          new io.fabric8.kubernetes.client.utils.KubernetesSerialization()
              .unmarshal(in, Service.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    template.getMetadata().setNamespace(namespace);
    template.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
    template
        .getSpec()
        .getTemplate()
        .getMetadata()
        .setAnnotations(Map.of(Deployer.UPDATE_TIMESTAMP, String.valueOf(System.nanoTime())));
    if (client.services().inNamespace(namespace).withName(name).get() == null) {
      client.services().inNamespace(namespace).resource(template).create();
    } else {
      client
          .services()
          .inNamespace(namespace)
          .withName(name)
          .edit(
              current -> {
                current.getSpec().setTemplate(template.getSpec().getTemplate());
                return current;
              });
    }
  }

  static FakeServingController start(KnativeClient client, String namespace) {
    FakeServingController controller = new FakeServingController(client, namespace);
    controller.loop.scheduleWithFixedDelay(
        controller::reconcileQuietly, 0, 10, TimeUnit.MILLISECONDS);
    return controller;
  }

  private void reconcileQuietly() {
    try {
      client.services().inNamespace(namespace).list().getItems().forEach(this::reconcile);
    } catch (RuntimeException conflictOrRace) {
      // The next tick tries again, as a controller's work queue would.
    }
  }

  private void reconcile(Service service) {
    long generation = service.getMetadata().getGeneration();
    if (service.getStatus() != null
        && service.getStatus().getObservedGeneration() != null
        && service.getStatus().getObservedGeneration() >= generation) {
      return;
    }
    String name = service.getMetadata().getName();
    String image = service.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    String latestCreated =
        service.getStatus() == null ? null : service.getStatus().getLatestCreatedRevisionName();
    String latestReady =
        service.getStatus() == null ? null : service.getStatus().getLatestReadyRevisionName();
    if (!service.getSpec().getTemplate().equals(lastTemplate.get(name))) {
      int number = revisionCount.merge(name, 1, Integer::sum);
      latestCreated = name + String.format("-%05d", number);
      boolean ready = !image.contains("broken") && !image.contains("stuck");
      createRevision(
          name,
          latestCreated,
          number,
          image,
          image.contains("broken") ? "False" : ready ? "True" : "Unknown");
      if (ready) {
        latestReady = latestCreated;
      }
      lastTemplate.put(name, service.getSpec().getTemplate());
    }
    List<Condition> conditions;
    if (image.contains("broken")) {
      String message =
          "Revision \""
              + latestCreated
              + "\" failed with message: Back-off pulling image \""
              + image
              + "\".";
      conditions =
          List.of(
              condition("Ready", "False", "RevisionFailed", message),
              condition("ConfigurationsReady", "False", "RevisionFailed", message),
              condition("RoutesReady", "True", null, null));
    } else if (image.contains("stuck")) {
      String message = "Configuration \"" + name + "\" is waiting for a Revision to become ready.";
      conditions =
          List.of(
              condition("Ready", "Unknown", "RevisionMissing", message),
              condition("ConfigurationsReady", "Unknown", "RevisionMissing", message),
              condition("RoutesReady", "Unknown", "RevisionMissing", message));
    } else {
      conditions =
          List.of(
              condition("Ready", "True", null, null),
              condition("ConfigurationsReady", "True", null, null),
              condition("RoutesReady", "True", null, null));
    }
    String readyRevision = latestReady;
    String createdRevision = latestCreated;
    client
        .services()
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            s -> {
              s.setStatus(
                  new ServiceStatusBuilder()
                      .withObservedGeneration(generation)
                      .withLatestCreatedRevisionName(createdRevision)
                      .withLatestReadyRevisionName(readyRevision)
                      .withUrl("http://" + name + "." + namespace + ".example.com")
                      .withConditions(conditions)
                      .withTraffic(routed(service.getSpec().getTraffic(), readyRevision))
                      .build());
              return s;
            });
  }

  private static List<TrafficTarget> routed(List<TrafficTarget> spec, String latestReady) {
    List<TrafficTarget> targets =
        spec == null || spec.isEmpty()
            ? List.of(new TrafficTargetBuilder().withLatestRevision(true).withPercent(100L).build())
            : spec;
    List<TrafficTarget> routed = new ArrayList<>();
    for (TrafficTarget t : targets) {
      TrafficTargetBuilder resolved = new TrafficTargetBuilder(t);
      if (Boolean.TRUE.equals(t.getLatestRevision())) {
        resolved.withRevisionName(latestReady);
      }
      routed.add(resolved.build());
    }
    return routed;
  }

  private void createRevision(
      String service, String name, int generation, String image, String ready) {
    Revision revision =
        new RevisionBuilder()
            .withNewMetadata()
            .withName(name)
            .addToLabels(ServingApi.SERVICE_LABEL, service)
            .addToLabels(RevisionHistory.GENERATION_LABEL, String.valueOf(generation))
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withImage(image)
            .endContainer()
            .endSpec()
            .build();
    Revision created = client.revisions().inNamespace(namespace).resource(revision).create();
    client
        .revisions()
        .inNamespace(namespace)
        .resource(created)
        .editStatus(
            r -> {
              r.setStatus(
                  new io.fabric8.knative.serving.v1.RevisionStatusBuilder()
                      .withConditions(condition("Ready", ready, null, null))
                      .build());
              return r;
            });
  }

  static Condition condition(String type, String status, String reason, String message) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .build();
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
