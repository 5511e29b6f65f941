package dev.cliproxy.gateway;

/** What the gateway did with one request, for the access log line. */
public final class RequestTrace {
  private volatile String model = "-";
  private volatile String provider = "-";
  private volatile int attempts;

  public String model() {
    return model;
  }

  public String provider() {
    return provider;
  }

  public int attempts() {
    return attempts;
  }

  void model(String model) {
    this.model = model;
  }

  void attempt(String provider) {
    this.provider = provider;
    this.attempts++;
  }
}
