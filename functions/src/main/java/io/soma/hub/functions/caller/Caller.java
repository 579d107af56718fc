package io.soma.hub.functions.caller;

import java.util.Set;

/** Who is calling, as proven by a verified token. The tenant comes from here and nowhere else. */
public record Caller(String tenant, String subject, Set<String> capabilities) {

  public Caller {
    capabilities = Set.copyOf(capabilities);
  }

  public boolean can(String capability) {
    return capabilities.contains(capability);
  }
}
