import Mustache

/// A long list a template walks without all of its views existing at once: each item's view
/// is made when the template reaches it and dropped after. The inventory's rows and the
/// findings page's items of a large site would otherwise hold tens of megabytes of views.
struct LazyViews<Item>: MustacheSequence {
    let items: [Item]
    let view: (Item) -> View

    init(_ items: [Item], _ view: @escaping (Item) -> View) {
        self.items = items
        self.view = view
    }

    func makeIterator() -> AnyIterator<View> {
        var iterator = items.makeIterator()
        return AnyIterator { iterator.next().map(view) }
    }
}
