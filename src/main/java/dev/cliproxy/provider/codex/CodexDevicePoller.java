package dev.cliproxy.provider.codex;

import dev.cliproxy.auth.oauth.DeviceCodePoller;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Polls the Codex device-code endpoint until the user has entered the code: at once, then every
 * interval, for at most 15 minutes. OpenAI's endpoint is not RFC 8628 — "still pending" is an HTTP
 * 403 or 404 rather than an {@code authorization_pending} error — so the shared {@link
 * DeviceCodePoller} does not fit; its {@link DeviceCodePoller.Sleeper} does.
 */
final class CodexDevicePoller {
  /** How long the user has to enter the code (CLIProxyAPI's limit). */
  static final Duration DEADLINE = Duration.ofMinutes(15);

  /** The user did not enter the code in time. */
  static final class Expired extends Exception {
    Expired(Duration deadline) {
      super(
          "The device code was not entered within "
              + deadline.toMinutes()
              + " minutes. Start the login again.");
    }
  }

  private final CodexAuthApi api;
  private final InstantSource clock;
  private final DeviceCodePoller.Sleeper sleeper;

  CodexDevicePoller(CodexAuthApi api, InstantSource clock, DeviceCodePoller.Sleeper sleeper) {
    this.api = api;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Polls until approved; a refusal or any status other than 2xx/403/404 ends it with an error. */
  CodexAuthApi.DevicePoll.Approved await(CodexAuthApi.DeviceCode code)
      throws Expired, TokenEndpointException, InterruptedException {
    Instant deadline = clock.instant().plus(DEADLINE);
    while (true) {
      if (api.pollDevice(code) instanceof CodexAuthApi.DevicePoll.Approved approved) {
        return approved;
      }
      if (!clock.instant().plus(code.interval()).isBefore(deadline)) {
        throw new Expired(DEADLINE);
      }
      sleeper.sleep(code.interval());
    }
  }
}
