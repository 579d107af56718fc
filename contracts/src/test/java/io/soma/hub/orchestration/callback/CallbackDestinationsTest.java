package io.soma.hub.orchestration.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackDestinationsTest {

  private final CallbackDestinations cluster = new CallbackDestinations(false);
  private final CallbackDestinations local = new CallbackDestinations(true);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://hooks.example.com/soma",
        "https://hooks.example.com:8443/a/b?c=d",
        "https://93.184.215.14/hook",
        "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook",
      })
  void aPublicHttpsUrlIsAccepted(String url) {
    assertThat(cluster.check(url).toString()).isEqualTo(url);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://hooks.example.com/soma          | must be an https URL",
        "ftp://hooks.example.com/soma           | must be an https URL",
        "/relative                              | absolute",
        "https:opaque                           | absolute",
        "https://user:pw@hooks.example.com/     | credentials",
        "https://hooks.example.com/#frag        | fragment",
        "https://hooks example.com/             | is not a URL",
        "https://localhost/hook                 | this machine",
        "https://api.localhost/hook             | this machine",
        "https://127.0.0.1/hook                 | internal address",
        "https://2130706433/hook                | internal address",
        "https://10.1.2.3/hook                  | internal address",
        "https://172.16.0.1/hook                | internal address",
        "https://192.168.1.1/hook               | internal address",
        "https://169.254.169.254/latest         | internal address",
        "https://100.64.0.1/hook                | internal address",
        "https://0.0.0.0/hook                   | internal address",
        "https://224.0.0.1/hook                 | internal address",
        "https://[::1]/hook                     | internal address",
        "https://[fd00::1]/hook                 | internal address",
        "https://[fe80::1]/hook                 | internal address",
        "https://[::ffff:10.0.0.1]/hook         | internal address",
        "https://[::]/hook                      | internal address",
      })
  void outsideLocalModeOtherUrlsAreRefusedWithTheReason(String url, String reason) {
    assertThatThrownBy(() -> cluster.check(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"http://127.0.0.1:8080/hook", "http://localhost/hook", "https://10.0.0.1/hook"})
  void inLocalModeThisMachineAndPlainHttpAreAllowed(String url) {
    assertThat(local.check(url).toString()).isEqualTo(url);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://127.0.0.1/hook", "https://u@127.0.0.1/hook"})
  void inLocalModeTheSyntaxStillCounts(String url) {
    assertThatThrownBy(() -> local.check(url)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.53", "10.244.0.1", "::1", "fc00::5"})
  void anInternalAddressAHostResolvesToIsRefused(String address) throws Exception {
    assertThatThrownBy(() -> cluster.checkAddress(InetAddress.getByName(address)))
        .hasMessageContaining("internal address");
    local.checkAddress(InetAddress.getByName(address));
  }

  @org.junit.jupiter.api.Test
  void aTooLongUrlIsRefused() {
    String url = "https://hooks.example.com/" + "a".repeat(CallbackDestinations.MAX_URL_CHARS);
    assertThatThrownBy(() -> cluster.check(url)).hasMessageContaining("1 to 2048 characters");
  }
}
