package io.soma.hub.store.http;

/** The bodies of HTTP answers as the hub's clients quote them in errors and results. */
public final class ResponseBodies {

  private ResponseBodies() {}

  /** At most {@code max} characters of a body, then "..."; "" for none. */
  public static String abbreviate(String body, int max) {
    if (body == null) {
      return "";
    }
    return body.length() <= max ? body : body.substring(0, max) + "...";
  }
}
