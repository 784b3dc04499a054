"""What the window shows when no case is open: start a case, open one, or try the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget


class StartPage(QWidget):
    """Signals carry the user's choice; the main window does the work."""

    new_case = Signal()
    open_case = Signal()
    open_demo = Signal()
    open_recent = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("<h1>importer_app</h1>"
                       "<p>Answer a CBP forced-labor detention: gather the supply-chain evidence for one"
                       " detained shipment, see what CBP will still find missing, and export one signed"
                       " PDF bundle.</p>")
        title.setWordWrap(True)
        buttons = QHBoxLayout()
        for text, signal in (("New case…", self.new_case), ("Open case…", self.open_case),
                             ("Open the demo case", self.open_demo)):
            button = QPushButton(text)
            button.setMinimumHeight(40)
            button.clicked.connect(signal)
            buttons.addWidget(button)
        buttons.addStretch(1)
        # Paths by row rather than in item data: an item data role would build Qt's namespace of
        # enums, the largest single cost of the first paint, for a screen that needs none of them.
        self.recent_paths: list[Path] = []
        self.recent = QListWidget()
        self.no_recent = QLabel("No recent cases yet.")
        self.recent.itemActivated.connect(self.on_recent_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addWidget(title)
        layout.addLayout(buttons)
        layout.addSpacing(16)
        layout.addWidget(QLabel("<b>Recent cases</b> (double-click to open)"))
        layout.addWidget(self.recent, 1)
        layout.addWidget(self.no_recent)
        layout.addStretch(0)

    def show_recent(self, cases: list[Path]) -> None:
        self.recent.clear()
        self.recent_paths = list(cases)
        for path in cases:
            self.recent.addItem(QListWidgetItem(f"{path.name}    {path.parent}"))
        self.recent.setVisible(bool(cases))
        self.no_recent.setVisible(not cases)

    def on_recent_activated(self, item: QListWidgetItem) -> None:
        self.open_recent.emit(self.recent_paths[self.recent.row(item)])
