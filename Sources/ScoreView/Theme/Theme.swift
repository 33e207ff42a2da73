// The colours of everything scoreviz draws: named roles and gradients, loaded from TOML.

/// A colour theme: a colour for every `ThemeRole` and a `ColorMap` for every `ThemeGradient`.
///
/// Themes hold RGB (or the terminal default) only; the terminal layer quantises to what the
/// terminal shows. `Theme.builtIn` ("dark") needs no file; `themes/*.toml` files override
/// any subset of it (see `Theme.decode(toml:name:file:)` for the format); the executable
/// reads them and finds them by name.
///
/// ```
/// let loaded = try Theme.decode(fileContents: bytes, name: "light", file: "themes/light.toml")
/// frame.put("σ = 0.10", x: 1, y: 0, foreground: loaded.theme[.text])
/// let ramp = loaded.theme[.heatMap].distinctRamp(maxLevels: 64, colorDepth: .palette256)
/// ```
public struct Theme: Sendable, Hashable {
  /// The theme's name: its file name without `.toml`, or "dark" for the built-in one.
  public var name: String
  private var colors: [CellColor]
  private var gradients: [ColorMap]

  /// A theme named `name` with the given colours and gradients; roles and gradients not
  /// given take `defaults`'s.
  public init(
    name: String, colors: [ThemeRole: CellColor] = [:], gradients: [ThemeGradient: ColorMap] = [:],
    defaults: Theme = .builtIn
  ) {
    self.name = name
    self.colors = ThemeRole.allCases.map { colors[$0] ?? defaults[$0] }
    self.gradients = ThemeGradient.allCases.map { gradients[$0] ?? defaults[$0] }
  }

  /// The built-in default's storage, in `allCases` order.
  init(name: String, colorList: [CellColor], gradientList: [ColorMap]) {
    precondition(colorList.count == ThemeRole.allCases.count, "one colour per role")
    precondition(gradientList.count == ThemeGradient.allCases.count, "one map per gradient")
    self.name = name
    colors = colorList
    gradients = gradientList
  }

  /// The colour of `role`.
  public subscript(role: ThemeRole) -> CellColor {
    get { colors[Self.position(of: role)] }
    set { colors[Self.position(of: role)] = newValue }
  }

  /// The gradient `gradient`.
  public subscript(gradient: ThemeGradient) -> ColorMap {
    get { gradients[Self.position(of: gradient)] }
    set { gradients[Self.position(of: gradient)] = newValue }
  }

  private static func position(of role: ThemeRole) -> Int {
    ThemeRole.allCases.firstIndex(of: role) ?? 0
  }

  private static func position(of gradient: ThemeGradient) -> Int {
    ThemeGradient.allCases.firstIndex(of: gradient) ?? 0
  }
}
