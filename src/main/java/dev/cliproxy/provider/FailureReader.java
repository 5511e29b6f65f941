package dev.cliproxy.provider;

/**
 * How one provider reads an upstream's refusal: its status, headers and error body become a rest
 * until a time, and whether the credential is unusable for good. Each provider knows its upstream's
 * hints (reset headers, quota bodies) and which refusals mean a wrong key; the gateway applies the
 * result.
 */
@FunctionalInterface
public interface FailureReader {

  /** What the refusal says about the credential that sent the request. */
  FailureReading read(Refusal refusal);
}
