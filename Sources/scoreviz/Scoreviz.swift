// The scoreviz command: the live view by default, headless sub-commands for scripts.

import ArgumentParser
import ScoreCore

@main
struct Scoreviz: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scoreviz",
    abstract: "Watch score-based generative modelling happen in your terminal.",
    subcommands: [
      LiveCommand.self, RenderCommand.self, DatasetsCommand.self, DataCommand.self,
      KDECommand.self, TrainCommand.self, SampleCommand.self, FieldCommand.self, EvalCommand.self,
      BenchCommand.self,
    ],
    defaultSubcommand: LiveCommand.self)
}
