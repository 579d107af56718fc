package io.soma.hub.e2e.bench;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/**
 * The session benchmark's baseline (issue 16): the smallest workflow doing what a session's plan
 * names, four activities one after the other, each returning at once, with the SDK's defaults
 * everywhere else. What the hub adds to a session (HTTP, authentication, moderation, limits, the
 * steps' memo, the store, the model provider) is measured against it.
 */
@WorkflowInterface
public interface MinimalWorkflow {

  String TASK_QUEUE = "bench.minimal";

  /** As many as a session has steps: policy, scoped token, model completion, audit. */
  int ACTIVITIES = 4;

  @WorkflowMethod
  String run(String input);

  @ActivityInterface
  interface Step {
    String step(String input);
  }

  final class StepImpl implements Step {
    @Override
    public String step(String input) {
      return input + ".";
    }
  }

  final class Impl implements MinimalWorkflow {

    private final Step step =
        Workflow.newActivityStub(
            Step.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public String run(String input) {
      String result = input;
      for (int i = 0; i < ACTIVITIES; i++) {
        result = step.step(result);
      }
      return result;
    }
  }
}
