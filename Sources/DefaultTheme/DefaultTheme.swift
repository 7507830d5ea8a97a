// The built-in theme, `themes/default/`, compiled into the binary by the EmbedTheme build
// plugin (the generated `DefaultTheme.files`), so one `shortpath` binary builds any site from
// any folder. `Site` renders with it; `Maintenance` reads its archetypes.
