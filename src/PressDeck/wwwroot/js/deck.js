// PressDeck's small browser helpers: column scroll state and the deck's keyboard shortcuts.
// Loaded as a plain script (the Content-Security-Policy allows only same-origin scripts, nothing inline).
(function () {
    "use strict";

    const observed = new WeakMap();
    let shortcutHandler = null;

    function isTyping(target) {
        if (!target) return false;
        const tag = target.tagName;
        return target.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
    }

    function dialogOpen() {
        return document.querySelector(".mud-dialog-container, .mud-overlay-dialog") !== null;
    }

    function columns() {
        return Array.from(document.querySelectorAll(".deck-column"));
    }

    function focusPost(card) {
        if (!card) return;
        card.focus();
        card.scrollIntoView({ block: "nearest" });
    }

    window.PressDeck = {
        // Tells the column whether the person has scrolled away from the top (reading), so new posts wait instead of jumping.
        observeColumn(element, dotnet) {
            if (!element || observed.has(element)) return;
            let reading = false;
            const onScroll = () => {
                const now = element.scrollTop > 24;
                if (now !== reading) {
                    reading = now;
                    dotnet.invokeMethodAsync("SetReading", now).catch(() => { });
                }
            };
            element.addEventListener("scroll", onScroll, { passive: true });
            observed.set(element, onScroll);
        },

        scrollColumnToTop(element) {
            if (element) element.scrollTo({ top: 0, behavior: "smooth" });
        },

        focusColumn(index) {
            const column = columns()[index];
            if (!column) return;
            column.scrollIntoView({ inline: "nearest", block: "nearest" });
            const first = column.querySelector(".post-card");
            if (first) focusPost(first);
            else (column.querySelector(".column-title") || column).focus?.();
        },

        attachDeckShortcuts(dotnet) {
            window.PressDeck.detachDeckShortcuts();
            shortcutHandler = (event) => {
                if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || dialogOpen()) return;
                const key = event.key;
                if (key >= "1" && key <= "9") {
                    event.preventDefault();
                    window.PressDeck.focusColumn(Number(key) - 1);
                } else if (key === "j" || key === "k") {
                    event.preventDefault();
                    const current = document.activeElement?.closest?.(".post-card");
                    const column = current?.closest(".deck-column") || columns()[0];
                    if (!column) return;
                    const cards = Array.from(column.querySelectorAll(".post-card"));
                    if (cards.length === 0) return;
                    const index = current ? cards.indexOf(current) : -1;
                    const next = key === "j" ? Math.min(index + 1, cards.length - 1) : Math.max(index - 1, 0);
                    focusPost(cards[next]);
                } else if (key === "/") {
                    event.preventDefault();
                    document.getElementById("deck-search")?.focus();
                } else if (key === "?") {
                    event.preventDefault();
                    dotnet.invokeMethodAsync("ShowShortcutsFromKeyboard").catch(() => { });
                } else if (key === "n") {
                    event.preventDefault();
                    dotnet.invokeMethodAsync("AddColumnFromKeyboard").catch(() => { });
                } else if (key === "Enter") {
                    const card = document.activeElement?.closest?.(".post-card");
                    if (card && card === document.activeElement && card.dataset.url) {
                        event.preventDefault();
                        window.open(card.dataset.url, "_blank", "noopener,noreferrer");
                    }
                }
            };
            document.addEventListener("keydown", shortcutHandler);
            // Says the keys work now (the deck attaches them just after it first draws); tests wait for it.
            document.documentElement.dataset.deckShortcuts = "on";
        },

        detachDeckShortcuts() {
            if (shortcutHandler) document.removeEventListener("keydown", shortcutHandler);
            shortcutHandler = null;
            delete document.documentElement.dataset.deckShortcuts;
        }
    };
})();
