package io.soma.hub.flink.events;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The attributes of a hub CloudEvent that the analytics need: everything else in the record (the
 * rest of {@code data}, extensions) is dropped at parse time so that it never travels through the
 * job. Serialized between operators by {@link CloudEventSerializer}.
 *
 * @param timeMillis the event time ({@code time}) in epoch milliseconds
 */
@TypeInfo(CloudEventTypeInfo.Factory.class)
public record CloudEvent(String id, String source, String type, long timeMillis, String tenant) {}
