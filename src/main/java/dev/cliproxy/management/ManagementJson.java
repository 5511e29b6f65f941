package dev.cliproxy.management;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON mapper of the management API's answers and bodies. */
public final class ManagementJson {
  /** Shared, thread-safe; used read-only (never reconfigured). */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private ManagementJson() {}
}
