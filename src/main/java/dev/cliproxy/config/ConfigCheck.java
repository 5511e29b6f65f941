package dev.cliproxy.config;

import java.util.List;

/**
 * A check across sections that the loader runs once every key of a file has been read, for what no
 * single section can see on its own, e.g. two spellings of one setting in the same file. It only
 * warns: a value that cannot be used fails in the section that reads it.
 */
@FunctionalInterface
public interface ConfigCheck {

  /**
   * The warnings about a freshly read config, in the order they should be shown; never a secret
   * value.
   */
  List<String> warnings(Config config);
}
