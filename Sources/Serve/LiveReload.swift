/// The script and style `serve` adds to every page it serves (never to built files): reload
/// when a rebuild touched this page, and an overlay listing content errors.
enum LiveReload {
    /// Adds the script and style before `</head>`, and lets the page's policy open the event
    /// stream to its own origin.
    static func inject(into html: String) -> String {
        var page = html.replacingOccurrences(of: "default-src 'none';", with: "default-src 'none'; connect-src 'self';")
        let tags = "<link rel=\"stylesheet\" href=\"/__shortpath/overlay.css\"><script src=\"/__shortpath/reload.js\" defer></script>"
        if let head = page.range(of: "</head>") {
            page.replaceSubrange(head, with: tags + "</head>")
        } else {
            page = tags + page
        }
        return page
    }

    static let script = #"""
    // Added by shortpath serve: reloads this page when a rebuild touches it, and shows
    // content errors over the last good page until they are fixed.
    (function () {
      "use strict";
      var path = location.pathname.replace(/^\//, "");
      if (path === "" || path.endsWith("/")) path += "index.html";
      function overlay(errors) {
        var old = document.getElementById("shortpath-errors");
        if (old) old.remove();
        if (!errors.length) return;
        var box = document.createElement("div");
        box.id = "shortpath-errors";
        box.setAttribute("role", "alert");
        var title = document.createElement("h2");
        title.textContent = errors.length + (errors.length === 1 ? " error" : " errors") + " in the content; the last good site is shown";
        box.appendChild(title);
        var list = document.createElement("pre");
        list.textContent = errors.join("\n");
        box.appendChild(list);
        document.body.appendChild(box);
      }
      function check() {
        fetch("/__shortpath/errors").then(function (r) { return r.json(); }).then(overlay).catch(function () {});
      }
      var events = new EventSource("/__shortpath/events");
      events.onmessage = function (message) {
        var update = JSON.parse(message.data);
        if (update.errors > 0) { check(); return; }
        if (update.paths === null || update.paths.indexOf(path) >= 0 || document.getElementById("shortpath-errors")) {
          location.reload();
        }
      };
      check();
    })();
    """#

    static let style = """
    #shortpath-errors { position: fixed; inset: 0 0 auto 0; max-height: 70vh; overflow: auto; z-index: 1000;
      background: #3d1a1c; color: #ffe9ea; padding: 16px 24px; border-bottom: 4px solid #ff8a8f;
      font: 14px/1.5 ui-monospace, Menlo, Consolas, monospace; box-shadow: 0 4px 24px rgba(0,0,0,.4); }
    #shortpath-errors h2 { margin: 0 0 8px; font: 600 16px system-ui, sans-serif; color: #fff; }
    #shortpath-errors pre { margin: 0; white-space: pre-wrap; background: none; color: inherit; padding: 0; font: inherit; }
    """
}
