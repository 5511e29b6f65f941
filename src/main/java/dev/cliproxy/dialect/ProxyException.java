package dev.cliproxy.dialect;

/** Thrown to abandon a request and answer the client with a {@link ProxyError}. */
public final class ProxyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ProxyError error;

  public ProxyException(ProxyError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public ProxyError error() {
    return error;
  }
}
