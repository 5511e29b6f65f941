package dev.cliproxy.dialect;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The top-level fields a client of one dialect must send with the right JSON type, checked by
 * {@link RequestHead#read(byte[], BodyShape)} in its single streaming pass. A field that is absent
 * or JSON {@code null} passes unless it is required (the codecs read null as absent too); a field
 * of another type is refused with a 400 that names it. Only the top level is looked at, one level
 * below for a field with a nested shape (the Code Assist envelope's {@code request}), and the kind
 * of each element of a list whose elements must be objects ({@code messages}, {@code contents}).
 */
public final class BodyShape {

  /** The JSON value kinds a field may have. */
  public enum Kind {
    STRING("a string"),
    NUMBER("a number"),
    BOOLEAN("a boolean"),
    ARRAY("an array"),
    OBJECT("an object");

    private final String words;

    Kind(String words) {
      this.words = words;
    }

    /** How an error message names this kind, e.g. "an array". */
    public String words() {
      return words;
    }
  }

  /**
   * One checked field.
   *
   * @param name the field's name
   * @param kinds the kinds it may have (besides null, when not required)
   * @param required whether it must be present and not null
   * @param nested the shape of its members when it is an object, or {@link #ANY}
   * @param expected how error messages describe the allowed kinds, e.g. "a string or an array"
   * @param bit this field's bit in {@link #requiredMask()} when required, else 0
   * @param objectElements whether each element, when it is an array, must be an object
   */
  record Field(
      String name,
      Set<Kind> kinds,
      boolean required,
      BodyShape nested,
      String expected,
      long bit,
      boolean objectElements) {

    /** Whether a value of this kind is allowed. */
    boolean allows(Kind kind) {
      return kinds.contains(kind);
    }
  }

  /** No field checked beyond {@code model} and {@code stream}. */
  public static final BodyShape ANY = new BodyShape(new Builder());

  /** OpenAI Chat Completions: {@code messages}, required, an array of objects. */
  public static final BodyShape OPENAI_CHAT = builder().requiredObjects("messages").build();

  /** OpenAI legacy Completions: {@code prompt}, required (as OpenAI's), a string or an array. */
  public static final BodyShape OPENAI_COMPLETIONS =
      builder().required("prompt", Kind.STRING, Kind.ARRAY).build();

  /** OpenAI Responses: {@code input} a string or an array of objects (messages and items). */
  public static final BodyShape OPENAI_RESPONSES = builder().objectsOrText("input").build();

  /**
   * Anthropic Messages: {@code messages} an array of objects, {@code system} a string or an array,
   * {@code max_tokens} a number.
   */
  public static final BodyShape CLAUDE_MESSAGES =
      builder()
          .objects("messages")
          .field("system", Kind.STRING, Kind.ARRAY)
          .field("max_tokens", Kind.NUMBER)
          .build();

  /** Gemini {@code generateContent}: {@code contents} an array of objects. */
  public static final BodyShape GEMINI = builder().objects("contents").build();

  /**
   * Gemini CLI's Code Assist envelope: {@code request} an object, its {@code contents} an array.
   */
  public static final BodyShape GEMINI_CLI = builder().object("request", GEMINI).build();

  private final Map<String, Field> fields;
  private final Field[] required;
  private final long requiredMask;

  private BodyShape(Builder builder) {
    this.fields = Map.copyOf(builder.fields);
    this.required = builder.fields.values().stream().filter(Field::required).toArray(Field[]::new);
    long mask = 0;
    for (Field f : required) {
      mask |= f.bit();
    }
    this.requiredMask = mask;
  }

  /** A builder of a shape. */
  public static Builder builder() {
    return new Builder();
  }

  /** The checked field of that name, or null. */
  Field field(String name) {
    return fields.isEmpty() ? null : fields.get(name);
  }

  /** The required fields, in the order they were added. */
  Field[] required() {
    return required;
  }

  /** The bits of the required fields: all set once each was seen. */
  long requiredMask() {
    return requiredMask;
  }

  /** Builds a {@link BodyShape}. */
  public static final class Builder {
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private int requiredCount;

    private Builder() {}

    /** A field that, when present and not null, has one of these kinds. */
    public Builder field(String name, Kind first, Kind... more) {
      return add(name, EnumSet.of(first, more), false, ANY, false);
    }

    /** A field that must be present, not null, and of one of these kinds. */
    public Builder required(String name, Kind first, Kind... more) {
      return add(name, EnumSet.of(first, more), true, ANY, false);
    }

    /** A field that, when present and not null, is an object of that shape. */
    public Builder object(String name, BodyShape nested) {
      return add(name, EnumSet.of(Kind.OBJECT), false, nested, false);
    }

    /** A field that, when present and not null, is an array of objects. */
    public Builder objects(String name) {
      return add(name, EnumSet.of(Kind.ARRAY), false, ANY, true);
    }

    /** A field that must be present, not null, and an array of objects. */
    public Builder requiredObjects(String name) {
      return add(name, EnumSet.of(Kind.ARRAY), true, ANY, true);
    }

    /** A field that, when present and not null, is a string or an array of objects. */
    public Builder objectsOrText(String name) {
      return add(name, EnumSet.of(Kind.STRING, Kind.ARRAY), false, ANY, true);
    }

    private Builder add(
        String name, Set<Kind> kinds, boolean required, BodyShape nested, boolean objects) {
      if (required && requiredCount == Long.SIZE) {
        throw new IllegalStateException("a body shape has at most 64 required fields");
      }
      long bit = required ? 1L << requiredCount++ : 0;
      String expected = kinds.stream().map(Kind::words).collect(Collectors.joining(" or "));
      fields.put(
          name, new Field(name, EnumSet.copyOf(kinds), required, nested, expected, bit, objects));
      return this;
    }

    /** The shape. */
    public BodyShape build() {
      return new BodyShape(this);
    }
  }
}
