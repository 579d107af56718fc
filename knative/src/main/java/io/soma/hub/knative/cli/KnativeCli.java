package io.soma.hub.knative.cli;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.knative.serving.v1.Revision;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.TrafficTarget;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code hub knative VERB}: deploys and operates the gateway functions as Knative Services. Exit codes: 0 done,
 * 1 the operation failed (e.g. not Ready in time), 2 usage error, 3 the cluster cannot be used.
 */
public final class KnativeCli {

  static final String USAGE = """
      usage: hub knative VERB [options]
      every verb takes --namespace NS (default $HUB_KNATIVE_NAMESPACE or soma-hub) and --debug

        deploy (--all | --function NAME) --image IMAGE:TAG [--timeout 5m] [--manifests DIR]
                 create or update the functions' Services from their manifests and wait until Ready
        list     name, URL, ready, latest ready revision and traffic of every Service
        describe NAME
                 one Service: image, conditions, traffic and revisions
        traffic NAME [--split REV=PCT[,REV=PCT|@latest=PCT]] [--tag REV=TAG] [--timeout 5m]
                 split traffic between revisions (a canary) and/or tag a revision
        rollback NAME [--to REV] [--timeout 5m]
                 send 100% to REV, by default the previous ready revision
        delete NAME
                 delete a Service and its revisions
      """;

  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  private static final Set<String> COMMON = Set.of("namespace");
  private static final Set<String> FLAGS = Set.of("debug");

  private final Supplier<KnativeClient> clients;
  private final PrintStream out;
  private final PrintStream err;
  private final Duration pollInterval;
  private final Path defaultManifests;
  private final Clock clock;
  private final String defaultNamespace;
  private final boolean closeClients;

  /**
   * @param clients opened only once the command line is valid
   * @param closeClients whether a client from {@code clients} is closed after the command (not when a test owns it)
   */
  KnativeCli(Supplier<KnativeClient> clients, boolean closeClients, PrintStream out, PrintStream err,
      Duration pollInterval, Path defaultManifests, String defaultNamespace, Clock clock) {
    this.clients = clients;
    this.closeClients = closeClients;
    this.defaultNamespace = defaultNamespace;
    this.out = out;
    this.err = err;
    this.pollInterval = pollInterval;
    this.defaultManifests = defaultManifests;
    this.clock = clock;
  }

  public static void main(String[] args) {
    String manifests = System.getenv().getOrDefault("HUB_KNATIVE_MANIFESTS", "knative/manifests/base/functions");
    // The manifests' namespace, rather than the kubeconfig's, so that a bare "list" looks where "deploy" put them.
    String namespace = System.getenv().getOrDefault("HUB_KNATIVE_NAMESPACE", "soma-hub");
    KnativeCli cli = new KnativeCli(KnativeCli::connect, true, System.out, System.err, Duration.ofSeconds(2),
        Path.of(manifests), namespace, Clock.systemUTC());
    System.exit(cli.run(args));
  }

  /** The kubeconfig (or in-cluster) client, retrying a failed request once rather than ten times. */
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
      List<Service> templates = verb.equals("deploy") ? templates(parsed) : List.of();
      client = clients.get();
      String namespace = parsed.option("namespace") != null ? parsed.option("namespace") : defaultNamespace;
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
    Set<String> valued = switch (verb) {
      case "deploy" -> Set.of("image", "function", "timeout", "manifests");
      case "traffic" -> Set.of("split", "tag", "timeout");
      case "rollback" -> Set.of("to", "timeout");
      case "list", "describe", "delete" -> Set.of();
      default -> throw CliFailure.usage("unknown verb '" + verb + "'");
    };
    Set<String> allValued = new java.util.HashSet<>(valued);
    allValued.addAll(COMMON);
    Set<String> flags = new java.util.HashSet<>(FLAGS);
    if (verb.equals("deploy")) {
      flags.add("all");
    }
    CliArgs parsed = CliArgs.parse(rest, allValued, flags);
    // Checked before any cluster call, so that a wrong command line never reaches the cluster.
    switch (verb) {
      case "deploy" -> {
        parsed.noPositional(verb);
        if (parsed.flag("all") == (parsed.option("function") != null)) {
          throw CliFailure.usage("deploy needs exactly one of --all or --function NAME");
        }
        checkImage(parsed.option("image"));
      }
      case "list" -> parsed.noPositional(verb);
      default -> parsed.onlyName(verb);
    }
    allValued.stream().filter(name -> !Set.of("split", "tag").contains(name)).forEach(parsed::option);
    parsed.duration("timeout", DEFAULT_TIMEOUT);
    return parsed;
  }

  static void checkImage(String image) {
    if (image == null) {
      throw CliFailure.usage("deploy needs --image IMAGE:TAG");
    }
    String last = image.substring(image.lastIndexOf('/') + 1);
    if (image.chars().anyMatch(Character::isWhitespace) || !(last.contains(":") || image.contains("@sha256:"))
        || last.endsWith(":") || last.startsWith(":")) {
      throw CliFailure.usage("--image must name a tag or digest, like registry/hub-functions:1.4.2, got '"
          + image + "'");
    }
  }

  private List<Service> templates(CliArgs args) {
    Path directory = args.option("manifests") != null ? Path.of(args.option("manifests")) : defaultManifests;
    ManifestTemplates templates = ManifestTemplates.load(directory, new KubernetesSerialization());
    return args.flag("all") ? templates.all() : List.of(templates.function(args.option("function")));
  }

  private void deploy(CliArgs args, ServingApi api, List<Service> chosen) {
    Duration timeout = args.duration("timeout", DEFAULT_TIMEOUT);
    String image = args.option("image");
    Deployer deployer = new Deployer(api);
    for (Service template : chosen) {
      boolean created = deployer.apply(template, image, clock.instant());
      out.println((created ? "created " : "updated ") + template.getMetadata().getName() + " in " + api.namespace()
          + " with " + image);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    ReadinessWait wait = ReadinessWait.ready(api, pollInterval);
    List<String> failures = new ArrayList<>();
    for (Service template : chosen) {
      String name = template.getMetadata().getName();
      try {
        Service ready = wait.untilReady(name, timeout, deadline);
        out.println("ready " + name + ": revision " + ready.getStatus().getLatestReadyRevisionName() + ", "
            + ready.getStatus().getUrl() + ", traffic " + ServiceTable.traffic(ready));
      } catch (CliFailure failure) {
        if (failure.exitCode() != CliFailure.FAILED) {
          throw failure;
        }
        err.println(failure.getMessage());
        failures.add(name);
      }
    }
    if (!failures.isEmpty()) {
      throw CliFailure.failed(failures.size() + " of " + chosen.size() + " Services did not become Ready: "
          + String.join(", ", failures));
    }
  }

  private void list(CliArgs args, ServingApi api) {
    List<Service> services = api.list();
    if (services.isEmpty()) {
      out.println("no Knative services in " + api.namespace());
      return;
    }
    out.print(ServiceTable.list(services));
  }

  private void describe(CliArgs args, ServingApi api) {
    String name = args.onlyName("describe");
    Service service = api.require(name);
    out.print(ServiceTable.describe(service, api.revisions(name)));
  }

  private void traffic(CliArgs args, ServingApi api) {
    String name = args.onlyName("traffic");
    Service service = api.require(name);
    Set<String> revisions = api.revisions(name).stream().map(r -> r.getMetadata().getName())
        .collect(Collectors.toSet());
    List<TrafficTarget> targets = TrafficPlan.plan(service.getSpec().getTraffic(), args.listOption("split"),
        args.listOption("tag"), revisions);
    api.edit(name, current -> {
      current.getSpec().setTraffic(targets);
      return current;
    });
    Service ready = ReadinessWait.routed(api, pollInterval).untilReady(name, args.duration("timeout", DEFAULT_TIMEOUT));
    out.println("traffic of " + name + ": " + ServiceTable.traffic(ready));
  }

  private void rollback(CliArgs args, ServingApi api) {
    String name = args.onlyName("rollback");
    Service service = api.require(name);
    RevisionHistory history = new RevisionHistory(api.revisions(name));
    String current = RevisionHistory.serving(service);
    Revision target;
    if (args.option("to") != null) {
      String to = args.option("to");
      target = history.named(to).orElseThrow(() -> CliFailure.usage("no revision " + to + " of " + name
          + "; revisions: " + history.newestFirst().stream().map(r -> r.getMetadata().getName())
              .collect(Collectors.joining(", "))));
      if (!RevisionHistory.ready(target)) {
        throw CliFailure.failed("revision " + to + " is not Ready (" + RevisionHistory.readyText(target)
            + "); roll back to a Ready one");
      }
    } else {
      target = history.previousReady(current).orElseThrow(() -> CliFailure.failed(
          "no Ready revision of " + name + " older than " + current + " to roll back to"));
    }
    String revision = target.getMetadata().getName();
    List<TrafficTarget> traffic = new ArrayList<>();
    traffic.add(TrafficPlan.pinned(revision, 100L, null));
    // Tags stay reachable at 0%, so a canary URL does not vanish with the rollback.
    List<TrafficTarget> old = service.getSpec().getTraffic() == null ? List.of() : service.getSpec().getTraffic();
    old.stream().filter(t -> t.getTag() != null).forEach(t -> traffic.add(
        Boolean.TRUE.equals(t.getLatestRevision()) ? TrafficPlan.latest(0L, t.getTag())
            : TrafficPlan.pinned(t.getRevisionName(), 0L, t.getTag())));
    api.edit(name, s -> {
      s.getSpec().setTraffic(traffic);
      return s;
    });
    Service ready = ReadinessWait.routed(api, pollInterval).untilReady(name, args.duration("timeout", DEFAULT_TIMEOUT));
    out.println("rolled back " + name + " to " + revision + " (was " + current + "): " + ServiceTable.traffic(ready));
    out.println("traffic stays pinned to " + revision + " until: hub knative traffic " + name + " --split @latest=100");
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
