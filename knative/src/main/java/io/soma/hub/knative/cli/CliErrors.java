package io.soma.hub.knative.cli;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/** Turns what the Kubernetes client throws into one clear line and an exit code. */
final class CliErrors {

  static final String SERVICES = "services.serving.knative.dev";
  static final String REVISIONS = "revisions.serving.knative.dev";

  private CliErrors() {}

  /**
   * @param verb the Kubernetes verb that failed (get, list, create, update, delete)
   * @param resource the resource it was attempted on, e.g. services.serving.knative.dev
   * @param namespace where it was attempted
   * @param apiUrl the API server the client talks to
   */
  static CliFailure map(
      RuntimeException error, String verb, String resource, String namespace, String apiUrl) {
    if (error instanceof CliFailure failure) {
      return failure;
    }
    Throwable unreachable = connectionProblem(error);
    if (unreachable != null) {
      return CliFailure.cluster(
          "cannot reach the Kubernetes API at "
              + apiUrl
              + ": "
              + unreachableReason(unreachable)
              + noKubeconfigHint(),
          error);
    }
    if (error instanceof KubernetesClientException kube) {
      int code = kube.getCode();
      String reason = serverMessage(kube);
      if (code == 401 || code == 403) {
        return CliFailure.cluster(
            "no permission to " + verb + " " + resource + " in " + namespace + ": " + reason,
            error);
      }
      if (code == 404 && isMissingNamespace(kube.getStatus())) {
        return CliFailure.cluster("namespace " + namespace + " does not exist: " + reason, error);
      }
      if (code == 404) {
        // A named object that is missing reads as null, so a 404 here is the resource type itself.
        return CliFailure.cluster(
            "Knative Serving is not installed (no " + resource + " API)", error);
      }
      if (code == 409) {
        return CliFailure.failed(
            verb + " " + resource + " in " + namespace + " conflicted, retry: " + reason, error);
      }
      if (code == 422 || code == 400) {
        return CliFailure.failed(
            "the API server rejected the " + verb + " in " + namespace + ": " + reason, error);
      }
      return CliFailure.failed(
          verb
              + " "
              + resource
              + " in "
              + namespace
              + " failed"
              + (code > 0 ? " (HTTP " + code + ")" : "")
              + ": "
              + reason,
          error);
    }
    return CliFailure.failed(
        verb + " " + resource + " in " + namespace + " failed: " + describe(error), error);
  }

  private static Throwable connectionProblem(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof UnresolvedAddressException
          || t instanceof HttpConnectTimeoutException
          || t instanceof SSLException) {
        return t;
      }
      if (t instanceof IOException
          && t.getCause() == null
          && t.getMessage() != null
          && t.getMessage().toLowerCase().contains("connect")) {
        return t;
      }
    }
    return null;
  }

  /** The JDK client wraps the cause without messages; name it the way a person would. */
  private static String unreachableReason(Throwable first) {
    for (Throwable t = first; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return "unknown host" + (t.getMessage() == null ? "" : " " + t.getMessage());
      }
      if (t instanceof HttpConnectTimeoutException) {
        return "connect timed out";
      }
      if (t instanceof SSLException) {
        return "TLS handshake failed: " + describe(t);
      }
    }
    return first.getMessage() == null ? "connection refused" : describe(first);
  }

  private static boolean isMissingNamespace(Status status) {
    return status != null
        && status.getDetails() != null
        && "namespaces".equals(status.getDetails().getKind());
  }

  static String serverMessage(KubernetesClientException kube) {
    Status status = kube.getStatus();
    if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
      return status.getMessage();
    }
    return describe(kube);
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      return t.getClass().getSimpleName();
    }
    // fabric8 prefixes messages with the whole request line; the first line carries the meaning.
    int newline = message.indexOf('\n');
    return newline > 0 ? message.substring(0, newline).trim() : message.trim();
  }

  private static String noKubeconfigHint() {
    boolean kubeconfig =
        System.getenv("KUBECONFIG") != null
            || new java.io.File(System.getProperty("user.home"), ".kube/config").isFile()
            || System.getenv("KUBERNETES_SERVICE_HOST") != null;
    return kubeconfig ? "" : " (no kubeconfig found: set KUBECONFIG or create ~/.kube/config)";
  }
}
