package dev.cliproxy.management;

/**
 * One group of management endpoints (config, auth files, usage …), built with what it needs and
 * handed to the {@link ManagementModule}.
 */
@FunctionalInterface
public interface ManagementRoutes {

  /** Adds this group's endpoints. */
  void addTo(ManagementRouter router);
}
