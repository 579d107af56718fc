package io.soma.hub.flink.topology;

import io.soma.hub.flink.events.CloudEvent;
import io.soma.hub.flink.events.CloudEventJson;
import io.soma.hub.flink.events.DeadLetter;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The analytics of {@code soma.events}, without sources or sinks:
 *
 * <pre>
 * raw records -> parse --(malformed)--> dead letters
 *                  |
 *           event time from `time`, bounded out-of-orderness, idleness
 *                  |
 *           key by (tenant, type) -> drop redelivered ids (horizon) -> 1-minute event-time tumbling window
 *                  |                                                                  -> count --(late)--> late events
 *                  |
 *           per-minute metrics -> counts
 * </pre>
 *
 * Every stateful operator has a fixed uid so that savepoints and checkpoints survive changes to the
 * job graph. The de-duplication's uid changed with its state (ids per tenant and type, once ids as
 * keys): a savepoint of a job before that change restores only with its old "dedup" state dropped
 * (allowNonRestoredState), see docs/flink.md.
 */
public final class EventCountTopology {

  public static final Duration WINDOW = Duration.ofMinutes(1);

  private static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));
  private static final OutputTag<CloudEvent> LATE =
      new OutputTag<>("late-events", TypeInformation.of(CloudEvent.class));

  private EventCountTopology() {}

  public static EventCountOutputs apply(DataStream<String> records, TopologySettings settings) {
    SingleOutputStreamOperator<CloudEvent> parsed =
        records.process(new ParseEvents(DEAD_LETTERS)).name("parse CloudEvents").uid("parse");

    DataStream<CloudEvent> timed =
        parsed
            .assignTimestampsAndWatermarks(watermarks(settings))
            .name("event time")
            .uid("event-time");

    // The one keyed exchange: by tenant and type, which every copy of an event shares (see
    // DeduplicateById).
    DataStream<CloudEvent> unique =
        timed
            .keyBy(TenantType::of, TenantType.TYPE)
            .process(new DeduplicateById(settings.dedupHorizon()))
            .name("drop duplicate ids")
            .uid("dedup-per-tenant-type");

    // Still partitioned by tenant and type: the windows are chained to the de-duplication, with no
    // second exchange.
    SingleOutputStreamOperator<WindowCount> counted =
        DataStreamUtils.reinterpretAsKeyedStream(unique, TenantType::of, TenantType.TYPE)
            .window(TumblingEventTimeWindows.of(WINDOW))
            .sideOutputLateData(LATE)
            .aggregate(new CountEvents(), new EmitWindowCount())
            .name("count per tenant, type and minute")
            .uid("count-per-minute");

    DataStream<String> counts =
        counted
            .map(new PerMinuteCountMetrics(settings.maxMetricSeries()))
            .name("per-minute metrics")
            .uid("per-minute-metrics")
            .map(WindowCount::toJson)
            .name("counts as JSON");

    DataStream<String> deadLetters =
        parsed.getSideOutput(DEAD_LETTERS).map(DeadLetter::toJson).name("dead letters as JSON");

    DataStream<String> lateEvents =
        counted
            .getSideOutput(LATE)
            .map(new CountLateEvents())
            .name("count late events")
            .uid("late-events")
            .map(CloudEventJson::write)
            .name("late events as JSON");

    return new EventCountOutputs(counts, deadLetters, lateEvents);
  }

  private static WatermarkStrategy<CloudEvent> watermarks(TopologySettings settings) {
    long outOfOrderness = settings.outOfOrderness().toMillis();
    return WatermarkStrategy.<CloudEvent>forGenerator(
            context -> new WindowBoundaryWatermarks(outOfOrderness, WINDOW.toMillis()))
        .withTimestampAssigner((event, previous) -> event.timeMillis())
        .withIdleness(settings.idleness());
  }
}
