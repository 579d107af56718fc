package io.soma.hub.knative.cli;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.knative.serving.v1.Revision;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceListBuilder;
import io.fabric8.knative.serving.v1.TrafficTarget;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code hub knative VERB}: deploys and operates the gateway functions as Knative Services. Exit
 * codes: 0 done, 1 the operation failed (e.g. not Ready in time), 2 usage error, 3 the cluster
 * cannot be used.
 */
public final class KnativeCli {

  static final String USAGE =
      """
      usage: hub knative VERB [options]
      every verb takes --namespace NS (default $HUB_KNATIVE_NAMESPACE or soma-hub) and --debug

        deploy (--all | --function NAME) [--image IMAGE:TAG] [--overlay local|production | -k DIR | --manifests DIR]
               [--revision-name NAME] [--no-wait | --wait] [--timeout 5m]
                 server-side apply the overlay (default production; --all: every object of it, --function: that
                 function's Service) with the functions' image (default: the one the overlay names); what other
                 field managers own stays as they set it
        list [-o json|yaml]
                 name, URL, ready, latest ready revision and traffic of every Service
        describe NAME [-o json|yaml]
                 one Service: image, conditions, traffic and revisions
        traffic NAME [--split REV=PCT[,REV=PCT|@latest=PCT]] [--tag REV=TAG] [--no-wait] [--timeout 5m]
                 split traffic between revisions (a canary) and/or tag a revision
        rollback NAME [--to REV] [--no-wait] [--timeout 5m]
                 send 100% to REV, by default the revision before the one serving now (a Ready one if there is)
        delete NAME
                 delete a Service and its revisions
      exit codes: 0 done, 1 failed (refused by the cluster, not Ready in time), 2 usage, 3 cluster unusable
      """;

  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  static final String DEFAULT_OVERLAY = "production";
  private static final Set<String> COMMON = Set.of("namespace");
  private static final Set<String> FLAGS = Set.of("debug");
  private static final java.util.regex.Pattern REVISION_NAME =
      java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private final Supplier<KnativeClient> clients;
  private final PrintStream out;
  private final PrintStream err;
  private final Duration pollInterval;
  private final Path manifestsRoot;
  private final Clock clock;
  private final String defaultNamespace;
  private final boolean closeClients;

  /**
   * @param clients opened only once the command line is valid
   * @param closeClients whether a client from {@code clients} is closed after the command (not when
   *     a test owns it)
   */
  KnativeCli(
      Supplier<KnativeClient> clients,
      boolean closeClients,
      PrintStream out,
      PrintStream err,
      Duration pollInterval,
      Path manifestsRoot,
      String defaultNamespace,
      Clock clock) {
    this.clients = clients;
    this.closeClients = closeClients;
    this.defaultNamespace = defaultNamespace;
    this.out = out;
    this.err = err;
    this.pollInterval = pollInterval;
    this.manifestsRoot = manifestsRoot;
    this.clock = clock;
  }

  public static void main(String[] args) {
    // The folder holding overlays/local and overlays/production.
    String manifests = System.getenv().getOrDefault("HUB_KNATIVE_MANIFESTS", "knative/manifests");
    // The manifests' namespace, rather than the kubeconfig's, so that a bare "list" looks where
    // "deploy" put them.
    String namespace = System.getenv().getOrDefault("HUB_KNATIVE_NAMESPACE", "soma-hub");
    KnativeCli cli =
        new KnativeCli(
            KnativeCli::connect,
            true,
            System.out,
            System.err,
            Duration.ofSeconds(2),
            Path.of(manifests),
            namespace,
            Clock.systemUTC());
    System.exit(cli.run(args));
  }

  /**
   * The kubeconfig (or in-cluster) client, retrying a failed request once rather than ten times.
   */
  static KnativeClient connect() {
    Config config = Config.autoConfigure(null);
    config.setRequestRetryBackoffLimit(1);
    config.setRequestRetryBackoffInterval(500);
    return new KubernetesClientBuilder().withConfig(config).build().adapt(KnativeClient.class);
  }

  int run(String... args) {
    boolean debug = Arrays.asList(args).contains("--debug");
    if (args.length == 0 || Set.of("help", "-h", "--help").contains(args[0])) {
      (args.length == 0 ? err : out).print(USAGE);
      return args.length == 0 ? CliFailure.USAGE : 0;
    }
    String verb = args[0];
    List<String> rest = List.of(args).subList(1, args.length);
    KnativeClient client = null;
    try {
      CliArgs parsed = parse(verb, rest);
      // Manifests are read before connecting: a wrong directory or function name starts nothing.
      ManifestTemplates templates = verb.equals("deploy") ? templates(parsed) : null;
      client = clients.get();
      String namespace =
          parsed.option("namespace") != null ? parsed.option("namespace") : defaultNamespace;
      ServingApi api = new ServingApi(client, namespace);
      switch (verb) {
        case "deploy" -> deploy(parsed, api, templates);
        case "list" -> list(parsed, api);
        case "describe" -> describe(parsed, api);
        case "traffic" -> traffic(parsed, api);
        case "rollback" -> rollback(parsed, api);
        case "delete" -> delete(parsed, api);
        default -> throw new IllegalStateException(verb);
      }
      return 0;
    } catch (CliFailure failure) {
      err.println("hub knative " + verb + ": " + failure.getMessage());
      if (failure.exitCode() == CliFailure.USAGE) {
        err.println("run 'hub knative help' for the verbs and their options");
      }
      if (debug && failure.getCause() != null) {
        failure.getCause().printStackTrace(err);
      }
      return failure.exitCode();
    } catch (RuntimeException unexpected) {
      err.println("hub knative " + verb + ": " + unexpected);
      if (debug) {
        unexpected.printStackTrace(err);
      }
      return CliFailure.FAILED;
    } finally {
      if (client != null && closeClients) {
        client.close();
      }
    }
  }

  private static CliArgs parse(String verb, List<String> rest) {
    Set<String> valued =
        switch (verb) {
          case "deploy" ->
              Set.of(
                  "image",
                  "function",
                  "timeout",
                  "manifests",
                  "overlay",
                  "kustomize",
                  "revision-name");
          case "traffic" -> Set.of("split", "tag", "timeout");
          case "rollback" -> Set.of("to", "timeout");
          case "list", "describe" -> Set.of("output");
          case "delete" -> Set.of();
          default -> throw CliFailure.usage("unknown verb '" + verb + "'");
        };
    Set<String> allValued = new java.util.HashSet<>(valued);
    allValued.addAll(COMMON);
    Set<String> flags = new java.util.HashSet<>(FLAGS);
    if (verb.equals("deploy")) {
      flags.addAll(Set.of("all", "wait", "no-wait"));
    }
    if (Set.of("traffic", "rollback").contains(verb)) {
      flags.add("no-wait");
    }
    CliArgs parsed = CliArgs.parse(rest, allValued, flags);
    // Checked before any cluster call, so that a wrong command line never reaches the cluster.
    switch (verb) {
      case "deploy" -> {
        parsed.noPositional(verb);
        if (parsed.flag("all") == (parsed.option("function") != null)) {
          throw CliFailure.usage("deploy needs exactly one of --all or --function NAME");
        }
        if (parsed.option("image") != null) {
          checkImage(parsed.option("image"));
        }
        long sources =
            Stream.of("overlay", "kustomize", "manifests")
                .filter(o -> parsed.option(o) != null)
                .count();
        if (sources > 1) {
          throw CliFailure.usage("deploy takes one of --overlay, -k DIR and --manifests DIR");
        }
        if (parsed.flag("wait") && parsed.flag("no-wait")) {
          throw CliFailure.usage("--wait and --no-wait exclude each other");
        }
        String revision = parsed.option("revision-name");
        if (revision != null && !REVISION_NAME.matcher(revision).matches()) {
          throw CliFailure.usage(
              "--revision-name must be a DNS label (lower case letters, digits, '-'), got '"
                  + revision
                  + "'");
        }
      }
      case "list" -> parsed.noPositional(verb);
      default -> parsed.onlyName(verb);
    }
    allValued.stream()
        .filter(name -> !Set.of("split", "tag").contains(name))
        .forEach(parsed::option);
    parsed.duration("timeout", DEFAULT_TIMEOUT);
    String output = parsed.option("output");
    if (output != null && !Set.of("json", "yaml").contains(output)) {
      throw CliFailure.usage("-o takes json or yaml, got '" + output + "'");
    }
    return parsed;
  }

  static void checkImage(String image) {
    String last = image.substring(image.lastIndexOf('/') + 1);
    if (image.chars().anyMatch(Character::isWhitespace)
        || !(last.contains(":") || image.contains("@sha256:"))
        || last.endsWith(":")
        || last.startsWith(":")) {
      throw CliFailure.usage(
          "--image must name a tag or digest, like registry/hub-functions:1.4.2, got '"
              + image
              + "'");
    }
  }

  /**
   * The manifests a deploy applies: the overlay named (default production), a kustomization, or
   * plain files.
   */
  private ManifestTemplates templates(CliArgs args) {
    KubernetesSerialization serialization = new KubernetesSerialization();
    if (args.option("manifests") != null) {
      return ManifestTemplates.directory(Path.of(args.option("manifests")), serialization);
    }
    if (args.option("kustomize") != null) {
      return ManifestTemplates.kustomize(Path.of(args.option("kustomize")), serialization);
    }
    String overlay = args.option("overlay") != null ? args.option("overlay") : DEFAULT_OVERLAY;
    Path dir = manifestsRoot.resolve("overlays").resolve(overlay);
    if (!overlay.matches("[A-Za-z0-9._-]+") || !Files.isDirectory(dir)) {
      throw CliFailure.usage(
          "no overlay "
              + overlay
              + " in "
              + manifestsRoot.resolve("overlays")
              + " (--overlay local|production, or -k DIR)");
    }
    return ManifestTemplates.kustomize(dir, serialization);
  }

  private void deploy(CliArgs args, ServingApi api, ManifestTemplates templates) {
    List<GenericKubernetesResource> chosen = new ArrayList<>();
    GenericKubernetesResource function =
        args.flag("all") ? null : templates.function(args.option("function"));
    GenericKubernetesResource first = function != null ? function : templates.services().get(0);
    String fromNamespace = first.getMetadata().getNamespace();
    // Without --image, the image the overlay names (the local one: what ./hub cluster load put on
    // the node).
    String image = args.option("image") != null ? args.option("image") : Deployer.image(first);
    for (GenericKubernetesResource object : templates.all()) {
      boolean itsNamespace =
          "Namespace".equals(object.getKind())
              && object.getMetadata().getName().equals(fromNamespace);
      if (function == null || object == function || itsNamespace) {
        chosen.add(object);
      }
    }
    Duration timeout = args.duration("timeout", DEFAULT_TIMEOUT);
    boolean noNodes = !args.flag("wait") && api.clusterHasNoNodes();
    Deployer.JobWait migrations =
        args.flag("no-wait") || noNodes
            ? jobs ->
                out.println(
                    "not waiting for Job "
                        + String.join(", ", jobs)
                        + " (the schema's migration): "
                        + (noNodes ? "the cluster has no nodes to run it" : "--no-wait"))
            : new MigrationWait(api, timeout, pollInterval, out);
    List<String> services =
        new Deployer(api, out)
            .deploy(
                chosen,
                fromNamespace,
                image,
                args.option("revision-name"),
                clock.instant(),
                migrations);
    if (args.flag("no-wait")) {
      out.println(
          "not waiting for Ready (--no-wait); hub knative describe NAME shows how far each Service is");
      return;
    }
    if (noNodes) {
      out.println(
          "warning: the cluster has no nodes, so no Revision can become Ready; not waiting (--wait waits"
              + " anyway)");
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    ReadinessWait wait = ReadinessWait.ready(api, pollInterval, out);
    List<String> failures = new ArrayList<>();
    for (String name : services) {
      try {
        Service ready = wait.untilReady(name, timeout, deadline);
        out.println(
            "ready "
                + name
                + ": revision "
                + ready.getStatus().getLatestReadyRevisionName()
                + ", "
                + ready.getStatus().getUrl()
                + ", traffic "
                + ServiceTable.traffic(ready));
      } catch (CliFailure failure) {
        if (failure.exitCode() != CliFailure.FAILED) {
          throw failure;
        }
        err.println(failure.getMessage());
        failures.add(name);
      }
    }
    if (!failures.isEmpty()) {
      throw CliFailure.failed(
          failures.size()
              + " of "
              + services.size()
              + " Services did not become Ready: "
              + String.join(", ", failures));
    }
  }

  private void list(CliArgs args, ServingApi api) {
    List<Service> services = api.list();
    if (services.isEmpty()) {
      api.requireNamespace();
    }
    if (args.option("output") != null) {
      print(args.option("output"), new ServiceListBuilder().withItems(services).build());
    } else if (services.isEmpty()) {
      out.println("no Knative services in " + api.namespace());
    } else {
      out.print(ServiceTable.list(services));
    }
  }

  private void print(String format, Object object) {
    KubernetesSerialization serialization = new KubernetesSerialization();
    String text =
        format.equals("json") ? serialization.asJson(object) : serialization.asYaml(object);
    out.print(text.endsWith("\n") ? text : text + "\n");
  }

  private void describe(CliArgs args, ServingApi api) {
    String name = args.onlyName("describe");
    Service service = api.require(name);
    if (args.option("output") != null) {
      print(args.option("output"), service);
    } else {
      out.print(ServiceTable.describe(service, api.revisions(name)));
    }
  }

  private void traffic(CliArgs args, ServingApi api) {
    String name = args.onlyName("traffic");
    Service service = api.require(name);
    Set<String> revisions =
        api.revisions(name).stream()
            .map(r -> r.getMetadata().getName())
            .collect(Collectors.toSet());
    List<TrafficTarget> targets =
        TrafficPlan.plan(
            service.getSpec().getTraffic(),
            args.listOption("split"),
            args.listOption("tag"),
            revisions);
    api.applyTraffic(name, targets);
    Service routed = awaitRoutes(args, api, name, targets);
    out.println("traffic of " + name + ": " + ServiceTable.traffic(routed));
  }

  /**
   * Waits until Knative routes the traffic just set, unless told not to or unless a revision it
   * names is not Ready: Knative then keeps routing as before until it is, which can take long or
   * never happen (no nodes), so the command says so and ends rather than timing out.
   */
  private Service awaitRoutes(
      CliArgs args, ServingApi api, String name, List<TrafficTarget> targets) {
    Service service = api.require(name);
    RevisionHistory history = new RevisionHistory(api.revisions(name));
    List<String> notReady = new ArrayList<>();
    for (TrafficTarget target : targets) {
      boolean latest = Boolean.TRUE.equals(target.getLatestRevision());
      String revision = latest ? latestCreated(service, history) : target.getRevisionName();
      Revision found = revision == null ? null : history.named(revision).orElse(null);
      if (found == null || !RevisionHistory.ready(found)) {
        notReady.add(
            (latest ? TrafficPlan.LATEST + " " : "")
                + (revision == null ? "(no revision)" : revision)
                + " ("
                + (found == null ? "missing" : RevisionHistory.readyText(found))
                + ")");
      }
    }
    if (!notReady.isEmpty()) {
      err.println(
          "warning: not Ready: "
              + String.join(", ", notReady)
              + "; the traffic is set in "
              + name
              + "'s spec, and Knative routes it once they are");
      return service;
    }
    if (args.flag("no-wait")) {
      return service;
    }
    return ReadinessWait.routed(api, pollInterval, out)
        .untilReady(name, args.duration("timeout", DEFAULT_TIMEOUT));
  }

  private static String latestCreated(Service service, RevisionHistory history) {
    if (service.getStatus() != null && service.getStatus().getLatestReadyRevisionName() != null) {
      return service.getStatus().getLatestReadyRevisionName();
    }
    if (service.getStatus() != null && service.getStatus().getLatestCreatedRevisionName() != null) {
      return service.getStatus().getLatestCreatedRevisionName();
    }
    return history.newestFirst().isEmpty()
        ? null
        : history.newestFirst().get(0).getMetadata().getName();
  }

  private void rollback(CliArgs args, ServingApi api) {
    String name = args.onlyName("rollback");
    Service service = api.require(name);
    RevisionHistory history = new RevisionHistory(api.revisions(name));
    String serving = RevisionHistory.serving(service);
    String current = serving != null ? serving : latestCreated(service, history);
    if (current == null) {
      throw CliFailure.failed(name + " has no revision yet, so there is nothing to roll back");
    }
    Revision target;
    if (args.option("to") != null) {
      String to = args.option("to");
      target =
          history
              .named(to)
              .orElseThrow(
                  () ->
                      CliFailure.usage(
                          "no revision "
                              + to
                              + " of "
                              + name
                              + "; revisions: "
                              + history.newestFirst().stream()
                                  .map(r -> r.getMetadata().getName())
                                  .collect(Collectors.joining(", "))));
      if (RevisionHistory.failed(target)) {
        throw CliFailure.failed(
            "revision "
                + to
                + " failed ("
                + RevisionHistory.readyText(target)
                + "); roll back to one that did not");
      }
    } else {
      // A Ready one if there is; else (nothing Ready yet, or no nodes) the newest one that has not
      // failed.
      target =
          history
              .previousReady(current)
              .or(() -> history.previous(current))
              .orElseThrow(
                  () ->
                      CliFailure.failed(
                          "no revision of "
                              + name
                              + " older than "
                              + current
                              + " to roll back to"));
    }
    String revision = target.getMetadata().getName();
    List<TrafficTarget> traffic = new ArrayList<>();
    traffic.add(TrafficPlan.pinned(revision, 100L, null));
    // Tags stay reachable at 0%, so a canary URL does not vanish with the rollback.
    List<TrafficTarget> old =
        service.getSpec().getTraffic() == null ? List.of() : service.getSpec().getTraffic();
    old.stream()
        .filter(t -> t.getTag() != null)
        .forEach(
            t ->
                traffic.add(
                    Boolean.TRUE.equals(t.getLatestRevision())
                        ? TrafficPlan.latest(0L, t.getTag())
                        : TrafficPlan.pinned(t.getRevisionName(), 0L, t.getTag())));
    api.applyTraffic(name, traffic);
    Service routed = awaitRoutes(args, api, name, traffic);
    out.println(
        "rolled back "
            + name
            + " to "
            + revision
            + " (was "
            + current
            + "): "
            + ServiceTable.traffic(routed));
    out.println(
        "traffic stays pinned to "
            + revision
            + " until: hub knative traffic "
            + name
            + " --split @latest=100");
  }

  private void delete(CliArgs args, ServingApi api) {
    String name = args.onlyName("delete");
    api.require(name);
    if (!api.delete(name)) {
      throw CliFailure.failed("no Knative service " + name + " in namespace " + api.namespace());
    }
    out.println("deleted " + name + " in " + api.namespace());
  }
}
