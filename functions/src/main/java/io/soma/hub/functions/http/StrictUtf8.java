package io.soma.hub.functions.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Bytes read once and strictly as UTF-8: an overlong form, a surrogate, a truncated or stray byte
 * is an error, never a replacement character or another character (a lenient decoder turned {@code
 * C0 AE} into {@code .}).
 */
final class StrictUtf8 {

  private StrictUtf8() {}

  /** The text of these bytes, or empty when they are not UTF-8. */
  static Optional<String> decode(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
      return Optional.of(chars.toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /**
   * A URL component ({@code %XX} escapes and {@code +} kept as is) decoded strictly: empty when an
   * escape is cut short, not hexadecimal, or the bytes it gives are not UTF-8.
   */
  static Optional<String> percentDecode(String component) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(component.length());
    for (int i = 0; i < component.length(); i++) {
      char c = component.charAt(i);
      if (c == '%') {
        if (i + 2 >= component.length()) {
          return Optional.empty();
        }
        int high = Character.digit(component.charAt(i + 1), 16);
        int low = Character.digit(component.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return Optional.empty();
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else if (c > 0x7e || c < 0x20) {
        return Optional.empty();
      } else {
        bytes.write(c);
      }
    }
    return decode(bytes.toByteArray());
  }
}
