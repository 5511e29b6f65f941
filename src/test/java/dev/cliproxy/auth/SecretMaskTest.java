package dev.cliproxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretMaskTest {

  @Test
  void longSecretKeepsFourCharactersAtEachEnd() {
    assertThat(SecretMask.mask("sk-proj-abcdefghijklmnopqrstuvwxyz")).isEqualTo("sk-p…wxyz");
    assertThat(SecretMask.mask("AIzaSyD-0123456789abcdefghijklmnopqrs")).isEqualTo("AIza…pqrs");
    assertThat(SecretMask.mask("abcdefghijklmnopqrstuvwx")).isEqualTo("abcd…uvwx");
  }

  @Test
  void mediumSecretKeepsTwoCharactersAtEachEnd() {
    assertThat(SecretMask.mask("abcdefghijklmnopqrstuvw")).isEqualTo("ab…vw");
    assertThat(SecretMask.mask("abcdefghijkl")).isEqualTo("ab…kl");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "secret", "abcdefghijk"})
  void shortSecretIsHiddenEntirely(String secret) {
    assertThat(SecretMask.mask(secret)).isEqualTo("***");
  }

  @Test
  void emptyAndNullGiveEmpty() {
    assertThat(SecretMask.mask("")).isEmpty();
    assertThat(SecretMask.mask(null)).isEmpty();
  }

  @Test
  void maskedFormNeverShowsTheMiddleNorMoreThanAThirdOrEightCharacters() {
    List<Character> alphabet = new ArrayList<>();
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        .chars()
        .forEach(c -> alphabet.add((char) c));
    Collections.shuffle(alphabet, new Random(42));
    StringBuilder all = new StringBuilder();
    alphabet.forEach(all::append);

    for (int length = 1; length <= all.length(); length++) {
      String secret = all.substring(0, length); // every character distinct
      String masked = SecretMask.mask(secret);
      long revealed = masked.chars().filter(c -> secret.indexOf(c) >= 0).count();
      assertThat(revealed).as("length %d: %s", length, masked).isLessThanOrEqualTo(8);
      assertThat(revealed * 3).as("length %d: %s", length, masked).isLessThanOrEqualTo(length);
      if (length > 8) {
        String middle = secret.substring(4, length - 4);
        assertThat(masked.chars().filter(c -> middle.indexOf(c) >= 0))
            .as("length %d: %s", length, masked)
            .isEmpty();
      }
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/v1beta/models?key=AIzaSyD-0123456789        | /v1beta/models?key=***",
        "/v1/x?api_key=s1                             | /v1/x?api_key=***",
        "/v1/x?api-key=s1                             | /v1/x?api-key=***",
        "/v1/x?auth_token=s1                          | /v1/x?auth_token=***",
        "/v1/x?access_token=s1                        | /v1/x?access_token=***",
        "/v1/x?token=s1                               | /v1/x?token=***",
        "/v1/x?KEY=s1&Access_Token=s2                 | /v1/x?KEY=***&Access_Token=***",
        "/v1beta/models/g:streamGenerateContent?alt=sse&key=s1&x=1 "
            + "| /v1beta/models/g:streamGenerateContent?alt=sse&key=***&x=1",
        "/v1/x?api%5Fkey=s1                           | /v1/x?api%5Fkey=***",
        "/v1/x?token=a=b                              | /v1/x?token=***",
        "/v1/x?key=s1#fragment                        | /v1/x?key=***",
        "/v1/x?key=s1&key=s2                          | /v1/x?key=***&key=***",
      })
  void secretQueryValuesAreMasked(String in, String out) {
    assertThat(SecretMask.maskQuery(in)).isEqualTo(out);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/chat/completions",
        "/v1/models?",
        "/v1/x?keys=1&monkey=2&tokens=3&keyboard",
        "/v1/x?key=",
        "/v1/x?key",
        "/v1/x?a=1&&b=2",
        "/v1/x?%zz=1",
        "/key=value"
      })
  void everythingElseIsLeftAsItWas(String pathAndQuery) {
    assertThat(SecretMask.maskQuery(pathAndQuery)).isEqualTo(pathAndQuery);
  }

  @Test
  void nullQueryGivesEmpty() {
    assertThat(SecretMask.maskQuery(null)).isEmpty();
  }
}
