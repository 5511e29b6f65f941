package dev.cliproxy.provider.geminicli;

import dev.cliproxy.auth.oauth.LoginException;
import dev.cliproxy.auth.oauth.TerminalLines;
import dev.cliproxy.provider.google.GoogleCloudProjects.Project;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which Google Cloud projects a login onboards: those {@code --project_id} names ({@code ALL} for
 * every listed one, or {@code a,b}), checked against the account's projects; without it, the user
 * picks at a prompt (an id, a 1-based index, {@code ALL}, or Enter for the first).
 */
final class ProjectChoice {
  private final PrintWriter out;
  private final TerminalLines lines;

  ProjectChoice(PrintWriter out, TerminalLines lines) {
    this.out = out;
    this.lines = lines;
  }

  /**
   * The chosen project ids, in the order given or listed.
   *
   * @throws LoginException ({@code NO_PROJECT}) when nothing can be chosen
   */
  List<String> choose(List<Project> listed, Optional<String> preset)
      throws LoginException, InterruptedException {
    return choose(listed, preset, false);
  }

  /**
   * The chosen project ids; {@code unattended} (nobody at a prompt) takes the first listed project
   * when none is preset, as the reference's web login does.
   *
   * @throws LoginException ({@code NO_PROJECT}) when nothing can be chosen
   */
  List<String> choose(List<Project> listed, Optional<String> preset, boolean unattended)
      throws LoginException, InterruptedException {
    if (preset.isPresent() && !preset.get().isBlank()) {
      return given(listed, preset.get());
    }
    if (unattended && !listed.isEmpty()) {
      out.println("No project named; taking the first listed project, " + listed.get(0).id());
      return List.of(listed.get(0).id());
    }
    if (listed.isEmpty()) {
      throw new LoginException(
          LoginException.Reason.NO_PROJECT,
          "This Google account has no Google Cloud projects; nothing was saved. Create one at"
              + " https://console.cloud.google.com and log in again, or name one with"
              + " --project_id.");
    }
    out.println("Google Cloud projects of this account:");
    for (int i = 0; i < listed.size(); i++) {
      Project p = listed.get(i);
      out.println(
          "  [" + (i + 1) + "] " + p.id() + (p.name().isEmpty() ? "" : " (" + p.name() + ")"));
    }
    out.println("Type 'ALL' to onboard every listed project.");
    String fallback = listed.get(0).id();
    while (true) {
      out.print("Enter project ID [" + fallback + "] or ALL: ");
      out.flush();
      Optional<String> line = lines.next();
      if (line.isEmpty()) {
        throw new LoginException(
            LoginException.Reason.NO_PROJECT,
            "No project was chosen (the input ended); nothing was saved. Log in again with"
                + " --project_id <project_id> or ALL.");
      }
      String answer = line.get().trim();
      if (answer.isEmpty()) {
        return List.of(fallback);
      }
      if (GeminiAuthFile.isAll(answer)) {
        return listed.stream().map(Project::id).toList();
      }
      Optional<String> picked = pick(listed, answer);
      if (picked.isPresent()) {
        return List.of(picked.get());
      }
      out.println("'" + answer + "' is not one of the listed projects or numbers.");
    }
  }

  private static List<String> given(List<Project> listed, String preset) throws LoginException {
    if (GeminiAuthFile.isAll(preset)) {
      if (listed.isEmpty()) {
        throw new LoginException(
            LoginException.Reason.NO_PROJECT,
            "--project_id ALL: this Google account has no Google Cloud projects; nothing was"
                + " saved.");
      }
      return listed.stream().map(Project::id).toList();
    }
    List<String> ids =
        Arrays.stream(preset.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    List<String> unknown = new ArrayList<>();
    for (String id : ids) {
      if (listed.stream().noneMatch(p -> p.id().equals(id))) {
        unknown.add(id);
      }
    }
    if (!listed.isEmpty() && !unknown.isEmpty()) {
      throw new LoginException(
          LoginException.Reason.NO_PROJECT,
          "--project_id names "
              + String.join(", ", unknown)
              + ", which this Google account cannot use; its projects are "
              + String.join(", ", listed.stream().map(Project::id).toList())
              + ". Nothing was saved.");
    }
    return ids.stream().distinct().toList();
  }

  private static Optional<String> pick(List<Project> listed, String answer) {
    for (Project p : listed) {
      if (p.id().equals(answer)) {
        return Optional.of(p.id());
      }
    }
    try {
      int index = Integer.parseInt(answer);
      return index >= 1 && index <= listed.size()
          ? Optional.of(listed.get(index - 1).id())
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
