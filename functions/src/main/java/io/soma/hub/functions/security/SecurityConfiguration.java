package io.soma.hub.functions.security;

import io.soma.hub.functions.http.OpenApiDocument;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Every {@code /v1/**} call needs a valid bearer token; health, metrics and the API's OpenAPI document are anonymous
 * (SPEC, Security).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  @Bean
  AuthSettings authSettings(
      @Value("${HUB_JWT_SECRET:}") String secret,
      @Value("${HUB_JWT_JWKS_URL:}") String jwksUrl,
      @Value("${HUB_JWT_ISSUER:}") String issuer,
      @Value("${HUB_JWT_AUDIENCE:}") String audience) {
    return new AuthSettings(secret, jwksUrl, issuer, audience);
  }

  @Bean
  JwtDecoder jwtDecoder(AuthSettings settings) {
    return JwtDecoders.fromSettings(settings);
  }

  /**
   * Any method reaches the routes, which answer 405 with {@code Allow} on a known path (the firewall's default list
   * refused QUERY and other methods with 400); authorization does not depend on the method, so none bypasses it.
   */
  @Bean
  WebSecurityCustomizer firewallRefusalsAsProblems() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setUnsafeAllowAnyHttpMethod(true);
    return web -> web.httpFirewall(firewall).requestRejectedHandler(new ProblemRequestRejectedHandler());
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
                    .requestMatchers(HttpMethod.GET, "/health", "/health/**", "/metrics", OpenApiDocument.PATH)
                    .permitAll()
                    .anyRequest()
                    .permitAll())
        .oauth2ResourceServer(
            resourceServer ->
                resourceServer.jwt(jwt -> jwt.decoder(decoder)).authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    return http.build();
  }
}
