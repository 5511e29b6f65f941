package dev.cliproxy.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads {@code config.yaml} into a validated {@link Config}: CLIProxyAPI's keys, defaults for
 * absent keys, warnings for ignored keys and a {@link ConfigException} naming the key for any
 * invalid value. Which keys beyond the core ones it reads is its {@link ConfigSchema}, merged from
 * the provider kinds.
 */
public final class ConfigLoader {

  /** The name used in messages when the YAML did not come from a file. */
  public static final String DEFAULT_SOURCE = "config.yaml";

  private final ConfigSchema schema;

  /** A loader for the core keys and the sections and endpoints of {@code schema}. */
  public ConfigLoader(ConfigSchema schema) {
    this.schema = Objects.requireNonNull(schema, "schema");
  }

  /** What it reads beyond the core keys. */
  public ConfigSchema schema() {
    return schema;
  }

  /** Loads a config file; relative paths in it resolve against the working directory. */
  public LoadedConfig load(Path file) {
    return load(file, PathRules.ofProcess());
  }

  /**
   * Loads a config file.
   *
   * @param file the file, named in messages as given
   * @param paths how paths inside the file resolve
   * @throws ConfigException if the file cannot be read or holds an invalid value
   */
  public LoadedConfig load(Path file, PathRules paths) {
    String source = file.toString();
    byte[] content = read(file, source);
    return parse(content, source, paths);
  }

  /**
   * Parses YAML text; relative paths resolve against {@code baseDirForRelativePaths}.
   *
   * @throws ConfigException if the text holds an invalid value
   */
  public LoadedConfig parse(String yaml, Path baseDirForRelativePaths) {
    return parse(yaml, DEFAULT_SOURCE, PathRules.withWorkingDir(baseDirForRelativePaths));
  }

  /**
   * Parses YAML text.
   *
   * @param source the name messages give the text, e.g. its file name
   * @throws ConfigException if the text holds an invalid value
   */
  public LoadedConfig parse(String yaml, String source, PathRules paths) {
    try {
      List<String> warnings = new ArrayList<>();
      String text = yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
      ConfigValue root = ConfigValue.root(YamlTree.read(text));
      Config config = RootSection.read(root, new LoadContext(paths, warnings), schema);
      return new LoadedConfig(config, warnings);
    } catch (ConfigException e) {
      throw e.withSource(source);
    }
  }

  /** The file's bytes; a {@link ConfigException} naming {@code source} if it cannot be read. */
  static byte[] read(Path file, String source) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(source, "", "no such file", e);
    } catch (AccessDeniedException e) {
      throw new ConfigException(source, "", "permission denied", e);
    } catch (IOException e) {
      throw new ConfigException(source, "", "cannot read the file (" + e + ")", e);
    }
  }

  /** Parses file content, which must be UTF-8. */
  LoadedConfig parse(byte[] content, String source, PathRules paths) {
    return parse(decode(content, source), source, paths);
  }

  /** File content as text; a {@link ConfigException} naming {@code source} if it is not UTF-8. */
  static String decode(byte[] content, String source) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(source, "", "not valid UTF-8 text", e);
    }
  }

  /** The config of an empty file: every key at its default. */
  public Config defaults() {
    return parse("", PathRules.ofProcess().workingDir()).config();
  }
}
