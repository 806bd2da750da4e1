 * The cow lab (docs/labs/cow.md) writes them.
