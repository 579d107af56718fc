package io.soma.hub.functions.memory;

import io.soma.hub.functions.caller.Capabilities;
import io.soma.hub.functions.http.GatewayRoute;
import io.soma.hub.functions.http.Reply;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The HTTP binding of the memory functions. */
@Configuration(proxyBeanMethods = false)
public class MemoryRoutes {

  @Bean
  GatewayRoute rememberMemoryRoute() {
    return GatewayRoute.of(
        HttpMethod.POST,
        "/v1/memory",
        "rememberMemory",
        Capabilities.MEMORY_WRITE,
        RememberBody.class,
        request -> new RememberCommand(request.caller(), request.body(RememberBody.class)),
        MemoryView.class,
        view -> view.created() ? Reply.created(view, "/v1/memory/" + view.key()) : Reply.ok(view));
  }

  @Bean
  GatewayRoute recallMemoryRoute() {
    return GatewayRoute.of(
        HttpMethod.GET,
        "/v1/memory/{key}",
        "recallMemory",
        Capabilities.MEMORY_READ,
        null,
        request -> new RecallLookup(request.caller(), request.pathVariable("key")),
        MemoryView.class,
        Reply::ok);
  }

  @Bean
  GatewayRoute searchMemoryRoute() {
    return GatewayRoute.of(
        HttpMethod.POST,
        "/v1/memory/search",
        "searchMemory",
        Capabilities.MEMORY_READ,
        SearchBody.class,
        request -> new SearchCommand(request.caller(), request.body(SearchBody.class)),
        SearchView.class,
        Reply::ok);
  }

  @Bean
  GatewayRoute refreshMemoryRoute() {
    return GatewayRoute.of(
        HttpMethod.POST,
        "/v1/memory/refresh",
        "refreshMemory",
        Capabilities.MEMORY_REFRESH,
        RefreshBody.class,
        request ->
            new RefreshCommand(
                request.caller(),
                request.header("Idempotency-Key").orElse(null),
                request.body(RefreshBody.class)),
        RefreshAccepted.class,
        Reply::accepted);
  }
}
