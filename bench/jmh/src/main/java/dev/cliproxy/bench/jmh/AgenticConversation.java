package dev.cliproxy.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic, realistic agentic OpenAI Chat Completions request of about 2 MB: a system
 * prompt, 24 function tools with nested JSON schemas, about 100 tool round-trips (an assistant
 * message with 1–3 {@code tool_calls}, then one {@code tool} message per call with an 8–32 KB
 * result: source code, file listings, JSON), and user turns in between. The same seed always gives
 * the same bytes.
 */
final class AgenticConversation {
  static final long SEED = 20261122L;
  static final int ROUND_TRIPS = 100;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final SplittableRandom random;

  /** What was generated, for the report. */
  record Stats(int bytes, int messages, int toolCalls, int toolResults, int userTurns) {}

  private AgenticConversation(long seed) {
    random = new SplittableRandom(seed);
  }

  /** The request body and its statistics. */
  record Generated(byte[] body, Stats stats) {}

  static Generated generate() {
    return new AgenticConversation(SEED).build();
  }

  private Generated build() {
    ObjectNode root = F.objectNode();
    root.put("model", "gpt-5-codex");
    root.put("stream", true);
    root.put("max_completion_tokens", 32000);
    root.put("temperature", 0.2);
    root.put("tool_choice", "auto");
    root.put("parallel_tool_calls", true);
    root.put("user", "bench-user-7f3a");
    root.set("tools", tools());
    ArrayNode messages = root.putArray("messages");
    messages.addObject().put("role", "system").put("content", systemPrompt());
    messages
        .addObject()
        .put("role", "user")
        .put(
            "content",
            "The integration tests in payments-service fail since the Jackson upgrade. Find out"
                + " why, fix it, and make sure the whole build is green before you commit.");
    int toolCalls = 0;
    int userTurns = 1;
    for (int trip = 0; trip < ROUND_TRIPS; trip++) {
      int calls = weighted(new int[] {1, 2, 3}, new int[] {65, 25, 10});
      ObjectNode assistant = messages.addObject().put("role", "assistant");
      if (random.nextInt(3) == 0) {
        assistant.put("content", pick(NARRATION));
      } else {
        assistant.putNull("content");
      }
      ArrayNode toolCallNodes = assistant.putArray("tool_calls");
      String[] ids = new String[calls];
      String[] kinds = new String[calls];
      for (int c = 0; c < calls; c++) {
        ids[c] = "call_" + id24();
        kinds[c] = pick(CALLED);
        ObjectNode call = toolCallNodes.addObject();
        call.put("id", ids[c]).put("type", "function");
        call.putObject("function").put("name", kinds[c]).put("arguments", arguments(kinds[c]));
      }
      toolCalls += calls;
      for (int c = 0; c < calls; c++) {
        messages
            .addObject()
            .put("role", "tool")
            .put("tool_call_id", ids[c])
            .put("content", result(kinds[c], 8 * 1024 + skewedSize()));
      }
      if (trip % 12 == 11) {
        messages.addObject().put("role", "assistant").put("content", pick(SUMMARIES));
        messages.addObject().put("role", "user").put("content", pick(USER_TURNS));
        userTurns++;
      }
    }
    try {
      byte[] body = JSON.writeValueAsBytes(root);
      return new Generated(
          body, new Stats(body.length, messages.size(), toolCalls, toolCalls, userTurns));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** 0..24 KB, skewed toward small results as in real sessions (mean about 5 KB, so results average 13 KB). */
  private int skewedSize() {
    double u = random.nextDouble();
    return (int) (24 * 1024 * u * u * u * u);
  }

  private int weighted(int[] values, int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int r = random.nextInt(total);
    for (int i = 0; i < values.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private String id24() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder(24);
    for (int i = 0; i < 24; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** About 6 KB, like a coding agent's system prompt. */
  private static String systemPrompt() {
    StringBuilder sb = new StringBuilder();
    sb.append("You are an autonomous software engineering agent working in the user's repository.\n"
        + "You have tools to read and edit files, search code, run commands and tests, and use"
        + " git. Work step by step, verify every change by running the relevant tests, and keep"
        + " the user informed with short status messages.\n\n");
    String[] rules = {
      "Never invent file contents: read a file before you edit it.",
      "Prefer small, reviewable edits. Keep the existing code style (indentation, naming, imports).",
      "Do not change public APIs unless the user asks for it.",
      "When a command fails, read its output carefully before trying again; do not retry blindly.",
      "Run the narrowest test selection that proves a change, then the full build before committing.",
      "Never commit secrets, credentials or generated files. Respect .gitignore.",
      "Use `grep` and `glob` to find code instead of listing whole directories.",
      "Explain non-obvious changes in the commit message, one line per change.",
      "If the task is ambiguous, ask the user with `ask_user` instead of guessing.",
      "Keep the task list current with `todo_write`: one item in progress at a time."
    };
    for (int round = 0; round < 3; round++) {
      sb.append(round == 0 ? "# Rules\n" : round == 1 ? "\n# Reminders\n" : "\n# Before you finish\n");
      for (int i = 0; i < rules.length; i++) {
        sb.append(i + 1).append(". ").append(rules[i]).append('\n');
      }
    }
    sb.append("\n# Environment\nWorking directory: /home/dev/payments-platform\nPlatform: linux\n"
        + "Shell: bash 5.2\nJava: 21 (Temurin), Maven 3.9 via ./mvnw\nToday's date: 2026-11-22\n"
        + "Is a git repository: yes, branch fix/jackson-2.18, main branch: main\n");
    return sb.toString();
  }

  // ---- tools -----------------------------------------------------------------------------------

  private static ObjectNode obj(Object... properties) {
    ObjectNode schema = F.objectNode().put("type", "object");
    ObjectNode props = schema.putObject("properties");
    ArrayNode required = F.arrayNode();
    for (int i = 0; i < properties.length; i += 2) {
      String name = (String) properties[i];
      boolean req = name.endsWith("!");
      if (req) {
        name = name.substring(0, name.length() - 1);
        required.add(name);
      }
      props.set(name, (ObjectNode) properties[i + 1]);
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    schema.put("additionalProperties", false);
    return schema;
  }

  private static ObjectNode str(String description) {
    return F.objectNode().put("type", "string").put("description", description);
  }

  private static ObjectNode integer(String description, int min, int max) {
    return F.objectNode()
        .put("type", "integer")
        .put("description", description)
        .put("minimum", min)
        .put("maximum", max);
  }

  private static ObjectNode bool(String description) {
    return F.objectNode().put("type", "boolean").put("description", description);
  }

  private static ObjectNode enumeration(String description, String... values) {
    ObjectNode node = str(description);
    ArrayNode e = node.putArray("enum");
    for (String v : values) {
      e.add(v);
    }
    return node;
  }

  private static ObjectNode array(String description, ObjectNode items) {
    ObjectNode node = F.objectNode().put("type", "array").put("description", description);
    node.set("items", items);
    return node;
  }

  private static ObjectNode described(ObjectNode node, String description) {
    return node.put("description", description);
  }

  private static ArrayNode tools() {
    ArrayNode tools = F.arrayNode();
    tool(tools, "read_file", "Reads a file from the workspace, optionally a range of lines.",
        obj("path!", str("Path relative to the workspace root."),
            "start_line", integer("First line to read, 1-based.", 1, 1_000_000),
            "end_line", integer("Last line to read, inclusive.", 1, 1_000_000),
            "encoding", enumeration("Text encoding.", "utf-8", "latin-1", "utf-16")));
    tool(tools, "write_file", "Creates or overwrites a file with the given content.",
        obj("path!", str("Path relative to the workspace root."),
            "content!", str("The complete new content."),
            "create_dirs", bool("Create missing parent directories.")));
    tool(tools, "edit_file", "Applies exact string replacements to a file.",
        obj("path!", str("Path relative to the workspace root."),
            "edits!", array("Replacements, applied in order.",
                obj("old_string!", str("Exact text to replace; must be unique."),
                    "new_string!", str("Replacement text."),
                    "replace_all", bool("Replace every occurrence."))),
            "dry_run", bool("Only report what would change.")));
    tool(tools, "list_dir", "Lists a directory.",
        obj("path!", str("Directory to list."),
            "depth", integer("How many levels to descend.", 1, 10),
            "include_hidden", bool("Include dot files."),
            "sort", enumeration("Sort order.", "name", "size", "mtime")));
    tool(tools, "glob", "Finds files by glob pattern.",
        obj("pattern!", str("Glob, e.g. src/**/*.java."),
            "root", str("Directory to search from."),
            "exclude", array("Patterns to skip.", str("A glob."))));
    tool(tools, "grep", "Searches file contents with a regular expression.",
        obj("pattern!", str("Regular expression (RE2 syntax)."),
            "path", str("File or directory to search."),
            "glob", str("Only files matching this glob."),
            "output_mode", enumeration("What to print.", "content", "files_with_matches", "count"),
            "context", obj("before", integer("Lines before each match.", 0, 50),
                "after", integer("Lines after each match.", 0, 50)),
            "case_insensitive", bool("Ignore case."),
            "max_results", integer("Stop after this many matches.", 1, 10_000)));
    tool(tools, "run_shell", "Runs a shell command in the workspace and returns its output.",
        obj("command!", str("The command line, run by bash -lc."),
            "cwd", str("Working directory."),
            "timeout_ms", integer("Kill the command after this long.", 1000, 600_000),
            "env", described(F.objectNode().put("type", "object")
                .set("additionalProperties", str("Value.")), "Extra environment variables."),
            "background", bool("Run without waiting.")));
    tool(tools, "run_tests", "Runs the test suite or a subset and reports failures.",
        obj("selector", str("Test class, method or tag."),
            "framework", enumeration("Test runner.", "maven", "gradle", "pytest", "jest", "go"),
            "fail_fast", bool("Stop at the first failure."),
            "coverage", obj("enabled!", bool("Collect coverage."),
                "format", enumeration("Report format.", "lcov", "jacoco", "cobertura"))));
    tool(tools, "git_status", "Shows the working tree status.",
        obj("porcelain", bool("Machine-readable output."),
            "untracked", enumeration("Untracked files.", "no", "normal", "all")));
    tool(tools, "git_diff", "Shows changes between commits, the index and the working tree.",
        obj("base", str("Base revision."), "head", str("Head revision."),
            "paths", array("Limit to these paths.", str("A path.")),
            "staged", bool("Diff the index."), "context_lines", integer("Unified context.", 0, 100)));
    tool(tools, "git_log", "Shows commit history.",
        obj("revision_range", str("e.g. main..HEAD."),
            "max_count", integer("Number of commits.", 1, 1000),
            "paths", array("Limit to these paths.", str("A path.")),
            "format", enumeration("Output format.", "oneline", "short", "full", "json")));
    tool(tools, "git_commit", "Records staged changes.",
        obj("message!", str("Commit message."),
            "paths", array("Stage these paths first.", str("A path.")),
            "amend", bool("Amend the previous commit."),
            "author", obj("name!", str("Author name."), "email!", str("Author e-mail."))));
    tool(tools, "web_search", "Searches the web.",
        obj("query!", str("Search query."),
            "max_results", integer("Results to return.", 1, 50),
            "recency", enumeration("Only results newer than.", "day", "week", "month", "year", "any"),
            "domains", obj("allow", array("Only these domains.", str("A domain.")),
                "block", array("Never these domains.", str("A domain.")))));
    tool(tools, "fetch_url", "Fetches a URL and returns it as Markdown.",
        obj("url!", str("Absolute http(s) URL."),
            "method", enumeration("HTTP method.", "GET", "POST", "HEAD"),
            "headers", array("Request headers.", obj("name!", str("Header name."),
                "value!", str("Header value."))),
            "max_bytes", integer("Truncate after this many bytes.", 1024, 10_000_000)));
    tool(tools, "todo_write", "Replaces the task list.",
        obj("todos!", array("The whole list.",
            obj("id!", str("Stable id."), "content!", str("What to do."),
                "status!", enumeration("State.", "pending", "in_progress", "completed"),
                "priority", enumeration("Priority.", "high", "medium", "low")))));
    tool(tools, "ask_user", "Asks the user a question and waits for the answer.",
        obj("question!", str("The question."),
            "options", array("Suggested answers.", obj("label!", str("Short label."),
                "description", str("What choosing it means."))),
            "multi_select", bool("Allow several answers.")));
    tool(tools, "python_exec", "Runs Python 3 code in a sandbox.",
        obj("code!", str("The program."),
            "packages", array("pip packages to install first.", str("A requirement spec.")),
            "timeout_s", integer("Time limit.", 1, 600)));
    tool(tools, "sql_query", "Runs a read-only SQL query against the dev database.",
        obj("query!", str("SQL."),
            "database", enumeration("Which database.", "payments", "ledger", "users"),
            "params", array("Bind parameters.", F.objectNode()
                .set("type", F.arrayNode().add("string").add("number").add("boolean").add("null"))),
            "row_limit", integer("Maximum rows.", 1, 10_000)));
    tool(tools, "http_request", "Sends an HTTP request to a service in the dev cluster.",
        obj("url!", str("URL."),
            "method!", enumeration("Method.", "GET", "POST", "PUT", "PATCH", "DELETE"),
            "headers", described(F.objectNode().put("type", "object")
                .set("additionalProperties", str("Value.")), "Headers."),
            "body", str("Request body."),
            "expect", obj("status", integer("Expected status.", 100, 599),
                "json_path", str("JSONPath that must match."))));
    tool(tools, "docker", "Runs a docker command.",
        obj("subcommand!", enumeration("Subcommand.", "ps", "logs", "build", "run", "stop",
                "inspect"),
            "args", array("Arguments.", str("An argument.")),
            "tail", integer("Log lines.", 1, 10_000)));
    tool(tools, "kubectl", "Runs kubectl against the dev cluster.",
        obj("verb!", enumeration("Verb.", "get", "describe", "logs", "rollout", "apply"),
            "resource!", str("e.g. deployment/payments."),
            "namespace", str("Namespace."),
            "selector", obj("labels", described(F.objectNode().put("type", "object")
                .set("additionalProperties", str("Label value.")), "Label selector."),
                "fields", array("Field selectors.", str("key=value"))),
            "output", enumeration("Output format.", "wide", "yaml", "json", "name")));
    tool(tools, "lint", "Runs the linters and returns diagnostics.",
        obj("paths", array("Files or directories.", str("A path.")),
            "fix", bool("Apply automatic fixes."),
            "severity", enumeration("Minimum severity.", "info", "warning", "error"),
            "rules", obj("enable", array("Extra rules.", str("Rule id.")),
                "disable", array("Rules to skip.", str("Rule id.")))));
    tool(tools, "open_pull_request", "Opens a pull request on the code host.",
        obj("title!", str("Title."), "body!", str("Description, Markdown."),
            "base!", str("Target branch."), "head!", str("Source branch."),
            "draft", bool("Open as draft."),
            "reviewers", array("Requested reviewers.", str("User name.")),
            "labels", array("Labels.", enumeration("Label.", "bug", "dependencies", "tests",
                "breaking"))));
    tool(tools, "dependency_tree", "Prints the resolved dependency tree of a build.",
        obj("module", str("Module path."),
            "scope", enumeration("Scope.", "compile", "runtime", "test", "provided"),
            "include", array("Only these coordinates (group:artifact).", str("Coordinate.")),
            "verbose", bool("Show omitted duplicates and conflicts.")));
    if (tools.size() != 24) {
      throw new IllegalStateException("expected 24 tools, have " + tools.size());
    }
    return tools;
  }

  private static void tool(ArrayNode tools, String name, String description, ObjectNode params) {
    ObjectNode function =
        tools.addObject().put("type", "function").putObject("function").put("name", name);
    function.put("description", description);
    function.set("parameters", params);
  }

  // ---- calls and results -----------------------------------------------------------------------

  /** The tools an agent calls most, weighted by repetition. */
  private static final List<String> CALLED =
      List.of(
          "read_file", "read_file", "read_file", "read_file", "grep", "grep", "grep",
          "list_dir", "list_dir", "glob", "run_shell", "run_shell", "run_tests", "git_diff",
          "git_log", "sql_query", "http_request", "kubectl", "fetch_url", "dependency_tree");

  private static final List<String> MODULES =
      List.of("payments", "ledger", "gateway", "billing", "refunds", "risk", "notifications");
  private static final List<String> CLASSES =
      List.of(
          "PaymentService", "LedgerEntryMapper", "CurrencyAmount", "RefundController",
          "IdempotencyFilter", "WebhookDispatcher", "SettlementJob", "FraudScoreClient",
          "AccountRepository", "JsonConfig", "RetryPolicy", "AuditLogWriter");

  private String javaPath() {
    return "services/" + pick(MODULES) + "/src/main/java/com/acme/" + pick(MODULES) + "/"
        + pick(CLASSES) + ".java";
  }

  private String arguments(String tool) {
    ObjectNode a = F.objectNode();
    switch (tool) {
      case "read_file" -> {
        int start = 1 + random.nextInt(400);
        a.put("path", javaPath()).put("start_line", start).put("end_line", start + 200);
      }
      case "grep" -> {
        a.put("pattern", pick(List.of("ObjectMapper\\(", "@JsonCreator", "BigDecimal\\.valueOf",
                "FAIL_ON_UNKNOWN_PROPERTIES", "class \\w+Exception", "TODO|FIXME")))
            .put("path", "services/")
            .put("glob", "**/*.java")
            .put("output_mode", "content")
            .put("max_results", 200);
        a.putObject("context").put("before", 2).put("after", 4);
      }
      case "list_dir" -> a.put("path", "services/" + pick(MODULES)).put("depth", 3)
          .put("include_hidden", false).put("sort", "name");
      case "glob" -> {
        a.put("pattern", "services/**/src/test/**/*IT.java");
        a.putArray("exclude").add("**/target/**").add("**/generated/**");
      }
      case "run_shell" -> a.put("command", pick(List.of(
              "./mvnw -q -pl services/payments -am test-compile",
              "find . -name '*.json' -path '*fixtures*' | xargs wc -c | sort -n | tail -40",
              "cat services/payments/target/surefire-reports/*.txt")))
          .put("timeout_ms", 120_000);
      case "run_tests" -> {
        a.put("selector", pick(CLASSES) + "IT").put("framework", "maven").put("fail_fast", false);
        a.putObject("coverage").put("enabled", false);
      }
      case "git_diff" -> {
        a.put("base", "origin/main").put("head", "HEAD").put("context_lines", 3);
        a.putArray("paths").add("services/" + pick(MODULES));
      }
      case "git_log" -> a.put("revision_range", "v2.14.0..HEAD").put("max_count", 60)
          .put("format", "json");
      case "sql_query" -> {
        a.put("query", "SELECT id, account_id, amount_minor, currency, status, created_at FROM"
                + " ledger_entries WHERE account_id = $1 AND created_at > $2 ORDER BY created_at"
                + " DESC").put("database", "ledger").put("row_limit", 500);
        a.putArray("params").add("acct_" + id24().substring(0, 10)).add("2026-10-01T00:00:00Z");
      }
      case "http_request" -> {
        a.put("url", "http://payments.dev.svc:8080/v2/payments?limit=100&status=settled")
            .put("method", "GET");
        a.putObject("headers").put("Accept", "application/json")
            .put("Authorization", "Bearer dev-" + id24());
        a.putObject("expect").put("status", 200).put("json_path", "$.data[*].id");
      }
      case "kubectl" -> {
        a.put("verb", "logs").put("resource", "deployment/" + pick(MODULES))
            .put("namespace", "dev").put("output", "wide");
        a.putObject("selector").putObject("labels").put("app", pick(MODULES))
            .put("tier", "backend");
      }
      case "fetch_url" -> a.put("url", "https://github.com/FasterXML/jackson-databind/issues/"
              + (4000 + random.nextInt(1500))).put("method", "GET").put("max_bytes", 200_000);
      default -> {
        a.put("module", "services/" + pick(MODULES)).put("scope", "test").put("verbose", true);
        a.putArray("include").add("com.fasterxml.jackson.core:jackson-databind");
      }
    }
    return a.toString();
  }

  private String result(String tool, int size) {
    StringBuilder sb = new StringBuilder(size + 512);
    switch (tool) {
      case "read_file", "git_diff" -> code(sb, size, tool.equals("git_diff"));
      case "list_dir", "glob" -> listing(sb, size);
      case "grep" -> grepHits(sb, size);
      case "sql_query", "http_request", "git_log", "dependency_tree" -> jsonRows(sb, size);
      default -> logLines(sb, size);
    }
    return sb.toString();
  }

  private static final List<String> CODE =
      List.of(
          "  private final ObjectMapper mapper = JsonMapper.builder().findAndAddModules().build();",
          "  @JsonCreator",
          "  public %s(@JsonProperty(\"amount\") BigDecimal amount, @JsonProperty(\"currency\") String currency) {",
          "    this.amount = Objects.requireNonNull(amount, \"amount\");",
          "    if (amount.scale() > 2) {",
          "      throw new IllegalArgumentException(\"scale > 2: \" + amount);",
          "    }",
          "  }",
          "",
          "  /** Returns the entry for {@code id}, or empty when it was never written. */",
          "  public Optional<LedgerEntry> find(String id) {",
          "    return jdbc.query(\"SELECT * FROM ledger_entries WHERE id = ?\", ROW_MAPPER, id).stream().findFirst();",
          "  @Override",
          "  public String toString() {",
          "    return \"%s{id=\" + id + \", status=\" + status + \"}\";",
          "    for (Map.Entry<String, JsonNode> field : node.properties()) {",
          "      log.debug(\"field {} -> {}\", field.getKey(), field.getValue());",
          "    var retries = policy.maxAttempts() - 1; // the first try is not a retry",
          "    } catch (JsonMappingException e) {",
          "      throw new PaymentRejected(\"malformed webhook: \" + e.getOriginalMessage(), e);",
          "\treturn CompletableFuture.supplyAsync(() -> client.score(request), executor);",
          "import com.fasterxml.jackson.databind.DeserializationFeature;",
          "import java.util.concurrent.atomic.AtomicLong;");

  private void code(StringBuilder sb, int size, boolean diff) {
    int line = 1 + random.nextInt(300);
    String cls = pick(CLASSES);
    while (sb.length() < size) {
      if (diff) {
        sb.append(random.nextInt(5) == 0 ? "+" : random.nextInt(5) == 0 ? "-" : " ");
      } else {
        sb.append(String.format("%6d\t", line++));
      }
      String l = pick(CODE);
      sb.append(l.contains("%s") ? l.replace("%s", cls) : l).append('\n');
    }
  }

  private void listing(StringBuilder sb, int size) {
    String[] perms = {"-rw-r--r--", "drwxr-xr-x", "-rwxr-xr-x"};
    while (sb.length() < size) {
      sb.append(perms[random.nextInt(3)])
          .append("  1 dev dev ")
          .append(String.format("%8d", random.nextInt(200_000)))
          .append(" Nov ")
          .append(1 + random.nextInt(28))
          .append(' ')
          .append(String.format("%02d:%02d", random.nextInt(24), random.nextInt(60)))
          .append(' ')
          .append(javaPath().replace("services/", "./"))
          .append('\n');
    }
  }

  private void grepHits(StringBuilder sb, int size) {
    while (sb.length() < size) {
      sb.append(javaPath()).append(':').append(1 + random.nextInt(900)).append(": ");
      sb.append(pick(CODE).strip()).append('\n');
    }
  }

  private void jsonRows(StringBuilder sb, int size) {
    sb.append("{\"data\":[");
    boolean first = true;
    while (sb.length() < size) {
      if (!first) {
        sb.append(",\n");
      }
      first = false;
      sb.append("{\"id\":\"le_").append(id24()).append("\",\"account_id\":\"acct_")
          .append(id24(), 0, 10).append("\",\"amount_minor\":").append(random.nextInt(1_000_000))
          .append(",\"currency\":\"").append(pick(List.of("EUR", "USD", "GBP", "CHF")))
          .append("\",\"status\":\"").append(pick(List.of("settled", "pending", "reversed")))
          .append("\",\"metadata\":{\"source\":\"").append(pick(MODULES))
          .append("\",\"attempt\":").append(1 + random.nextInt(4))
          .append(",\"tags\":[\"bench\",\"").append(pick(CLASSES)).append("\"]}")
          .append(",\"created_at\":\"2026-11-").append(String.format("%02d", 1 + random.nextInt(28)))
          .append("T").append(String.format("%02d:%02d:%02d", random.nextInt(24),
              random.nextInt(60), random.nextInt(60))).append("Z\"}");
    }
    sb.append("],\"has_more\":true}");
  }

  private void logLines(StringBuilder sb, int size) {
    while (sb.length() < size) {
      sb.append("2026-11-21T23:")
          .append(String.format("%02d:%02d.%03d", random.nextInt(60), random.nextInt(60),
              random.nextInt(1000)))
          .append(pick(List.of(" INFO  ", " WARN  ", " ERROR ", " DEBUG ")))
          .append("[").append(pick(MODULES)).append("-worker-").append(random.nextInt(16))
          .append("] c.a.").append(pick(MODULES)).append('.').append(pick(CLASSES)).append(" - ")
          .append(pick(List.of(
              "Tests run: 42, Failures: 3, Errors: 0, Skipped: 1",
              "com.fasterxml.jackson.databind.exc.InvalidDefinitionException: Cannot construct"
                  + " instance of `com.acme.payments.CurrencyAmount` (no Creators, like default"
                  + " constructor, exist)",
              "\tat com.fasterxml.jackson.databind.DeserializationContext.reportBadDefinition"
                  + "(DeserializationContext.java:1887)",
              "Started PaymentServiceIT in 3.412 seconds (process running for 5.1)",
              "HikariPool-1 - Start completed.")))
          .append('\n');
    }
  }

  private static final List<String> NARRATION =
      List.of(
          "Let me look at how the mapper is configured.",
          "I'll check the failing test's fixture and the class it deserializes.",
          "Running the affected tests to confirm.",
          "Searching for other places that construct an ObjectMapper directly.",
          "Checking the dependency tree for a second Jackson version.");

  private static final List<String> SUMMARIES =
      List.of(
          "The failures come from `CurrencyAmount`: since 2.18 a single-argument constructor is no"
              + " longer auto-detected as a delegating creator. I added an explicit"
              + " `@JsonCreator(mode = PROPERTIES)` and the ledger tests pass now.",
          "Two modules still pull jackson-databind 2.15 through the old webhook SDK; I pinned the"
              + " BOM in the parent pom. The remaining failures are in refunds.",
          "All payments integration tests pass. Refunds still fail on a timezone assumption in the"
              + " fixtures, unrelated to Jackson.");

  private static final List<String> USER_TURNS =
      List.of(
          "Good. Don't touch the public API of the ledger module, other teams depend on it.",
          "Can you also check the refunds service? It uses the same mapper config.",
          "Please keep the fixture changes minimal and explain each one in the commit message.",
          "The timezone thing is known, skip it. Go on with the rest.",
          "Run the full build once more before you commit.");
}
