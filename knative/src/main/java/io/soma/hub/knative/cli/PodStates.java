package io.soma.hub.knative.cli;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.List;

/**
 * One line per pod saying why it is not done yet, in the words kubectl would show: the phase, a
 * Pending pod's scheduling reason, each container's waiting reason (ImagePullBackOff,
 * CrashLoopBackOff, ContainerCreating with the kubelet's message) or last exit code. What a wait
 * that timed out tells the operator instead of only "not within 5m".
 */
final class PodStates {

  private PodStates() {}

  static String describe(List<Pod> pods) {
    if (pods.isEmpty()) {
      return "no pod was created for it";
    }
    List<String> lines = new ArrayList<>();
    for (Pod pod : pods) {
      lines.add("pod " + pod.getMetadata().getName() + ": " + describe(pod));
    }
    return String.join("; ", lines);
  }

  private static String describe(Pod pod) {
    if (pod.getStatus() == null) {
      return "no status yet";
    }
    List<String> parts = new ArrayList<>();
    parts.add(String.valueOf(pod.getStatus().getPhase()));
    for (PodCondition condition : nullToEmpty(pod.getStatus().getConditions())) {
      if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())) {
        parts.add("not scheduled (" + condition.getReason() + ": " + condition.getMessage() + ")");
      }
    }
    List<ContainerStatus> containers =
        new ArrayList<>(nullToEmpty(pod.getStatus().getInitContainerStatuses()));
    containers.addAll(nullToEmpty(pod.getStatus().getContainerStatuses()));
    for (ContainerStatus container : containers) {
      parts.add("container " + container.getName() + " " + state(container));
    }
    return String.join(", ", parts);
  }

  private static String state(ContainerStatus container) {
    var state = container.getState();
    String restarts =
        container.getRestartCount() == null || container.getRestartCount() == 0
            ? ""
            : " after " + container.getRestartCount() + " restarts";
    if (state != null && state.getWaiting() != null) {
      var waiting = state.getWaiting();
      return "waiting: "
          + waiting.getReason()
          + (waiting.getMessage() == null ? "" : " (" + waiting.getMessage() + ")")
          + restarts
          + lastExit(container);
    }
    if (state != null && state.getTerminated() != null) {
      var terminated = state.getTerminated();
      return "exited " + terminated.getExitCode() + " (" + terminated.getReason() + ")" + restarts;
    }
    if (state != null && state.getRunning() != null) {
      return "running" + restarts;
    }
    return "in no known state";
  }

  private static String lastExit(ContainerStatus container) {
    var last = container.getLastState();
    if (last == null || last.getTerminated() == null) {
      return "";
    }
    return ", last exited "
        + last.getTerminated().getExitCode()
        + " ("
        + last.getTerminated().getReason()
        + ")";
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
