package io.soma.hub.functions.security;

import io.soma.hub.functions.http.OpenApiDocument;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Every {@code /v1/**} call needs a valid bearer token; health, metrics and the API's OpenAPI
 * document are anonymous (SPEC, Security).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JwksSettings.class)
public class SecurityConfiguration {

  /**
   * Spring Boot's standard resource-server properties (HUB_JWT_* are their defaults) and
   * HUB_JWT_SECRET.
   */
  @Bean
  AuthSettings authSettings(
      OAuth2ResourceServerProperties standard,
      Environment environment,
      @Value("${HUB_JWT_SECRET:}") String secret) {
    HubJwtAliases.requireAgreement(environment, standard.getJwt());
    return AuthSettings.from(standard.getJwt(), secret);
  }

  /** Being a bean, it also keeps Spring Boot's own decoder for these properties from being made. */
  @Bean
  JwtDecoder jwtDecoder(AuthSettings settings, JwksSettings jwks) {
    return JwtDecoders.fromSettings(settings, jwks);
  }

  /**
   * Any method reaches the routes, which answer 405 with {@code Allow} on a known path (the
   * firewall's default list refused QUERY and other methods with 400); authorization does not
   * depend on the method, so none bypasses it.
   */
  @Bean
  WebSecurityCustomizer firewallRefusalsAsProblems() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setUnsafeAllowAnyHttpMethod(true);
    return web ->
        web.httpFirewall(firewall).requestRejectedHandler(new ProblemRequestRejectedHandler());
  }

  @Bean
  SecurityFilterChain gatewaySecurity(HttpSecurity http, JwtDecoder decoder) throws Exception {
    ProblemAuthenticationHandlers problems = new ProblemAuthenticationHandlers();
    http.csrf(csrf -> csrf.disable())
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            authorize ->
                authorize
                    .requestMatchers("/v1/**")
                    .authenticated()
                    .requestMatchers(
                        HttpMethod.GET, "/health", "/health/**", "/metrics", OpenApiDocument.PATH)
                    .permitAll()
                    .anyRequest()
                    .permitAll())
        .oauth2ResourceServer(
            resourceServer ->
                resourceServer
                    .jwt(jwt -> jwt.decoder(decoder))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    return http.build();
  }
}
