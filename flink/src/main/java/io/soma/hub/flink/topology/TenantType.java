package io.soma.hub.flink.topology;

import io.soma.hub.flink.events.CloudEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The key of a count: one series per tenant and event type. */
public record TenantType(String tenant, String type) {

  static final TypeInformation<TenantType> TYPE = TypeInformation.of(TenantType.class);

  static TenantType of(CloudEvent event) {
    return new TenantType(event.tenant(), event.type());
  }
}
