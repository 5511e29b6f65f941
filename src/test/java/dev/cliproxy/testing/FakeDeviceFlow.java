package dev.cliproxy.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.cliproxy.auth.oauth.Pkce;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The RFC 8628 half of {@link FakeOAuthServer}: {@code POST /device/code} issues a device code, a
 * user code, the verification URI, an interval and a lifetime; the device-code grant at {@code
 * /token} then answers as scripted ({@link #answers}), with tokens when approved. A PKCE challenge
 * sent with the authorization must be met by the grant's verifier.
 */
final class FakeDeviceFlow {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A device code and the PKCE challenge its authorization request carried (null when none). */
  private record DeviceGrant(String challenge) {}

  private final String clientId;
  private final Supplier<URI> verificationUri;
  private final Map<String, DeviceGrant> deviceCodes = new ConcurrentHashMap<>();
  private final AtomicInteger polls = new AtomicInteger();

  // Guarded by this.
  private final Deque<String> script = new ArrayDeque<>();
  private boolean approveAfterScript = true;
  private int interval = 5;
  private int expiresIn = 900;
  private FakeOAuthServer.DeviceAuthorization last;

  FakeDeviceFlow(String clientId, Supplier<URI> verificationUri) {
    this.clientId = clientId;
    this.verificationUri = verificationUri;
  }

  synchronized void timing(int interval, int expiresIn) {
    this.interval = interval;
    this.expiresIn = expiresIn;
  }

  synchronized void answers(boolean approve, List<String> errors) {
    script.clear();
    script.addAll(errors);
    approveAfterScript = approve;
  }

  synchronized Optional<FakeOAuthServer.DeviceAuthorization> last() {
    return Optional.ofNullable(last);
  }

  int polls() {
    return polls.get();
  }

  /** {@code POST /device/code}. */
  void authorize(HttpExchange exchange, Map<String, String> form) throws IOException {
    if (!clientId.equals(form.get("client_id"))) {
      OAuthReplies.error(exchange, 401, "invalid_client", "unknown or missing client_id");
      return;
    }
    String challenge = form.get("code_challenge");
    if (challenge != null && !Pkce.METHOD.equals(form.get("code_challenge_method"))) {
      OAuthReplies.error(exchange, 400, "invalid_request", "only S256 is supported");
      return;
    }
    FakeOAuthServer.DeviceAuthorization device;
    synchronized (this) {
      device =
          new FakeOAuthServer.DeviceAuthorization(
              "device-" + FakeOAuthServer.random(),
              userCode(),
              verificationUri.get(),
              interval,
              expiresIn);
      last = device;
    }
    deviceCodes.put(device.deviceCode(), new DeviceGrant(challenge));
    ObjectNode body = JSON.createObjectNode();
    body.put("device_code", device.deviceCode());
    body.put("user_code", device.userCode());
    body.put("verification_uri", device.verificationUri().toString());
    body.put(
        "verification_uri_complete", device.verificationUri() + "?user_code=" + device.userCode());
    body.put("expires_in", device.expiresIn());
    body.put("interval", device.interval());
    OAuthReplies.json(exchange, body);
  }

  /**
   * The device-code grant: the scripted error next, else tokens from {@code issue} when approved.
   *
   * @param issue issues a pair; called with nothing held
   * @param answer sends the pair
   */
  void grant(
      HttpExchange exchange,
      Map<String, String> form,
      Supplier<FakeOAuthServer.Tokens> issue,
      TokenAnswer answer)
      throws IOException {
    polls.incrementAndGet();
    if (!clientId.equals(form.get("client_id"))) {
      OAuthReplies.error(exchange, 401, "invalid_client", "unknown or missing client_id");
      return;
    }
    String deviceCode = form.get("device_code");
    DeviceGrant grant = deviceCode == null ? null : deviceCodes.get(deviceCode);
    if (grant == null) {
      OAuthReplies.error(exchange, 400, "invalid_grant", "unknown or used device_code");
      return;
    }
    if (grant.challenge() != null) {
      String verifier = form.get("code_verifier");
      if (verifier == null || !FakeOAuthServer.verifierMatches(verifier, grant.challenge())) {
        OAuthReplies.error(
            exchange, 400, "invalid_grant", "code_verifier does not match the challenge");
        return;
      }
    }
    String error;
    boolean approved;
    synchronized (this) {
      error = script.poll();
      approved = error == null && approveAfterScript;
      if (error == null && !approved) {
        error = "expired_token";
      }
    }
    if (approved) {
      deviceCodes.remove(deviceCode);
      answer.send(exchange, issue.get());
      return;
    }
    String description =
        switch (error) {
          case "authorization_pending" -> "the user has not approved yet";
          case "slow_down" -> "polling too fast; add 5 seconds to the interval";
          case "access_denied" -> "the user refused the request";
          case "expired_token" -> "the device code has expired";
          default -> error;
        };
    OAuthReplies.error(exchange, 400, error, description);
  }

  /** Sends a token answer. */
  @FunctionalInterface
  interface TokenAnswer {
    void send(HttpExchange exchange, FakeOAuthServer.Tokens tokens) throws IOException;
  }

  private static String userCode() {
    String letters = "BCDFGHJKLMNPQRSTVWXZ";
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == 4) {
        code.append('-');
      }
      code.append(letters.charAt(RANDOM.nextInt(letters.length())));
    }
    return code.toString();
  }
}
