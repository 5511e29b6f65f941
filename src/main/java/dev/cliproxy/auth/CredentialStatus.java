package dev.cliproxy.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the credential pool knows about one credential right now, for status pages and metrics.
 *
 * @param id the credential's stable id
 * @param provider the provider key it belongs to
 * @param label what logs call it (never the secret)
 * @param state whether it can be picked, and if not why
 * @param disabledWhy why it is disabled, empty unless {@code state} is {@link State#DISABLED}
 * @param resting the models it rests for, with until when and why
 * @param lastError its most recent upstream failure, if any since start
 * @param inFlight requests using it at this moment
 * @param quota what its upstream last said about its allowance, if it says anything
 */
public record CredentialStatus(
    String id,
    String provider,
    String label,
    State state,
    String disabledWhy,
    List<ModelRest> resting,
    Optional<LastError> lastError,
    int inFlight,
    Optional<QuotaSnapshot> quota) {

  public CredentialStatus {
    resting = List.copyOf(resting);
  }

  /** Whether a credential can be picked. */
  public enum State {
    /** Ready for every model. */
    READY,
    /** Resting for some models after a failure (see {@link #resting()}); ready for the others. */
    RESTING,
    /** Benched until it changes: the upstream said it cannot work (an invalid key). */
    DISABLED,
    /** Its account's refresh token was refused; only a new login helps. */
    NEEDS_LOGIN
  }

  /**
   * A rest for one model.
   *
   * @param model the model it rests for
   * @param until when it is ready again
   * @param status the upstream status that started it (0 for a connection failure)
   * @param hinted whether the upstream said how long (else the cooldown table guessed)
   */
  public record ModelRest(String model, Instant until, int status, boolean hinted) {}

  /**
   * The latest upstream failure.
   *
   * @param at when
   * @param status the upstream's status, 0 when no answer came
   * @param reason a short description, never a secret
   */
  public record LastError(Instant at, int status, String reason) {}
}
