 *   mapped, COW              (the cow lab: docs/labs/cow.md)
