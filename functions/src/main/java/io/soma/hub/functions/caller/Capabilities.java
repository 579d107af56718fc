package io.soma.hub.functions.caller;

/** The capability names a token may carry (SPEC, Security). */
public final class Capabilities {

  public static final String SESSIONS_WRITE = "sessions:write";
  public static final String SESSIONS_READ = "sessions:read";
  public static final String WIZARDS_WRITE = "wizards:write";
  public static final String CAMPAIGNS_WRITE = "campaigns:write";
  public static final String MEMORY_WRITE = "memory:write";
  public static final String MEMORY_READ = "memory:read";
  public static final String MEMORY_REFRESH = "memory:refresh";
  public static final String MODERATION_BYPASS = "moderation:bypass";
  public static final String SCHEDULES_WRITE = "schedules:write";
  public static final String SCHEDULES_READ = "schedules:read";

  private Capabilities() {}
}
