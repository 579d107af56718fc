package io.soma.hub.functions.http;

/**
 * Every size limit of the HTTP edge, in one place; docs/api.md states the same figures. The edge
 * checks them before any function runs. Tomcat's own header buffer ({@code
 * server.max-http-request-header-size}, 64 KiB) sits above them as a backstop: a request line and
 * headers beyond it are refused by Tomcat itself with 400.
 */
public final class EdgeLimits {

  /** The request target (path and query) in bytes as sent: 414 above it. */
  public static final int MAX_URL_BYTES = 4 * 1024;

  /** All header fields together, names and values, in bytes: 431 above it. */
  public static final int MAX_HEADER_BYTES = 16 * 1024;

  /** The number of header fields: 431 above it. */
  public static final int MAX_HEADER_COUNT = 100;

  /** A request body in bytes: 413 above it. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  /** Nesting of JSON arrays and objects in a body: 400 above it. */
  public static final int MAX_JSON_DEPTH = 16;

  /** A JSON object's field name, in characters: 400 above it. */
  public static final int MAX_JSON_NAME_CHARS = 256;

  /** A JSON number's digits: 400 above it. */
  public static final int MAX_JSON_NUMBER_CHARS = 64;

  private EdgeLimits() {}
}
