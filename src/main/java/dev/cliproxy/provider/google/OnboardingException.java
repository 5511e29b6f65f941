package dev.cliproxy.provider.google;

/** Code Assist onboarding that did not give a project to use, with what to do in the message. */
public final class OnboardingException extends Exception {
  private static final long serialVersionUID = 1L;

  /** How it ended. */
  public enum Why {
    /** Code Assist named no project: the user must pick one. */
    NEEDS_PROJECT,
    /** {@code onboardUser} did not report {@code done} within the bound. */
    TIMED_OUT,
    /** A call failed. */
    FAILED
  }

  private final Why why;

  public OnboardingException(Why why, String message, Throwable cause) {
    super(message, cause);
    this.why = why;
  }

  public Why why() {
    return why;
  }
}
