package io.soma.hub.flink.events;

/**
 * The attributes of a hub CloudEvent that the analytics need: everything else in the record (the rest of
 * {@code data}, extensions) is dropped at parse time so that it never travels through the job.
 *
 * @param timeMillis the event time ({@code time}) in epoch milliseconds
 */
public record CloudEvent(String id, String source, String type, long timeMillis, String tenant) {}
