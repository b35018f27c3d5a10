import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { Button } from "./button";
import { DataTable, NameCell, actionsColumn, type Column, type Sort } from "./data-table";

interface Fruit {
  id: string;
  name: string;
  origin: string;
  updated: string;
}
const FRUITS: Fruit[] = [
  { id: "apple", name: "Apple", origin: "Kazakhstan", updated: "2026-01-02" },
  { id: "kiwi", name: "Kiwi", origin: "China", updated: "2026-03-04" },
];

/** A list page in miniature: sort state, a details row that opens, a delete per row. */
function Fruits({ onDelete = () => {} }: { onDelete?: (f: Fruit) => void }) {
  const [sort, setSort] = useState<Sort<"name" | "updated">>({ field: "name", order: "asc" });
  const [open, setOpen] = useState<string | null>(null);
  const columns: Column<Fruit, "name" | "updated">[] = [
    {
      id: "name",
      header: "Name",
      sort: { field: "name", first: "asc" },
      cell: (f) => <NameCell name={f.name} identifier={f.id} href={`/fruits/${f.id}`} />,
    },
    { id: "origin", header: "Origin", hideBelow: "md", cell: (f) => f.origin },
    { id: "updated", header: "Updated", sort: { field: "updated", first: "desc" }, cell: (f) => f.updated },
    actionsColumn((f) => (
      <>
        <Button aria-expanded={open === f.id} onClick={() => setOpen(open === f.id ? null : f.id)}>
          Details
        </Button>
        <Button aria-label={`Delete fruit ${f.name}`} onClick={() => onDelete(f)}>
          Delete
        </Button>
      </>
    )),
  ];
  return (
    <>
      <p>
        Sorted by {sort.field} {sort.order}
      </p>
      <DataTable
        caption="Fruits"
        columns={columns}
        rows={FRUITS}
        rowKey={(f) => f.id}
        rowLabel={(f) => `Fruit ${f.name}`}
        sort={sort}
        onSort={setSort}
        expanded={(f) => open === f.id && <p>Grown in {f.origin}</p>}
      />
    </>
  );
}

describe("DataTable", () => {
  it("renders a named table with a header row and one row per item, named by rowLabel", () => {
    render(<Fruits />);
    const table = screen.getByRole("table", { name: "Fruits" });
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(1 + FRUITS.length);
    expect(
      within(rows[0]!)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Name▲", "Origin", "Updated▲▼", "Actions"]);
    const kiwi = screen.getByRole("row", { name: "Fruit Kiwi" });
    expect(within(kiwi).getByRole("link", { name: "Kiwi" })).toHaveAttribute("href", "/fruits/kiwi");
    expect(
      within(kiwi)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["Kiwikiwi", "China", "2026-03-04", "DetailsDelete"]);
  });

  it("keeps the actions heading for screen readers only and hides minor columns on narrow screens", () => {
    render(<Fruits />);
    expect(screen.getByRole("columnheader", { name: "Actions" }).firstElementChild).toHaveClass("sr-only");
    const origin = screen.getByRole("columnheader", { name: "Origin" });
    expect(origin).toHaveClass("hidden", "md:table-cell");
    expect(
      within(screen.getByRole("row", { name: "Fruit Apple" }))
        .getByText("Kazakhstan")
        .closest("td"),
    ).toHaveClass(
      "hidden",
      "md:table-cell",
      // A phone's stacked row shows it again, as a line.
      "max-sm:flex",
    );
    expect(screen.getByRole("columnheader", { name: /Name/ })).not.toHaveClass("hidden");
  });

  it("labels every cell but the row's head and its actions for the phone's stacked rows", () => {
    render(<Fruits />);
    const cells = within(screen.getByRole("row", { name: "Fruit Kiwi" })).getAllByRole("cell");
    expect(cells.map((c) => c.getAttribute("data-label"))).toEqual([null, "Origin", "Updated", null]);
    // The labels are drawn by CSS (hidden from assistive technology), so the cells' text stays the values.
    expect(cells[1]).toHaveTextContent(/^China$/);
    // A table that sorts keeps its sortable headers as a bar on a phone; the others are only read out.
    expect(screen.getAllByRole("row")[0]).toHaveAttribute("data-sort-bar");
    expect(screen.getByRole("columnheader", { name: /Name/ })).toHaveClass("max-sm:block");
    expect(screen.getByRole("columnheader", { name: "Origin" })).toHaveClass("max-sm:sr-only");
  });

  it("heads the phone's row with the column marked primary, and has no sort bar without sorting", () => {
    const columns: Column<Fruit>[] = [
      { id: "updated", header: "Updated", cell: (f) => f.updated },
      { id: "name", header: "Name", primary: true, cell: (f) => f.name },
    ];
    render(<DataTable caption="Fruits" columns={columns} rows={FRUITS} rowKey={(f) => f.id} />);
    const [updated, name] = within(screen.getAllByRole("row")[1]!).getAllByRole("cell");
    expect(updated).toHaveAttribute("data-label", "Updated");
    expect(name).not.toHaveAttribute("data-label");
    expect(name).toHaveClass("max-sm:order-first");
    expect(screen.getAllByRole("row")[0]).not.toHaveAttribute("data-sort-bar");
    expect(screen.getByRole("table", { name: "Fruits" }).querySelector("thead")).toHaveClass("max-sm:sr-only");
  });

  it("sorts through its headers: the active column flips, another starts at its own first order", async () => {
    const user = userEvent.setup();
    render(<Fruits />);
    const nameHeader = screen.getByRole("columnheader", { name: /Name/ });
    expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
    expect(screen.getByRole("columnheader", { name: /Updated/ })).not.toHaveAttribute("aria-sort");

    await user.click(screen.getByRole("button", { name: "Sort by name, now ascending" }));
    expect(screen.getByText("Sorted by name desc")).toBeInTheDocument();
    expect(nameHeader).toHaveAttribute("aria-sort", "descending");

    await user.click(screen.getByRole("button", { name: "Sort by updated" }));
    expect(screen.getByText("Sorted by updated desc")).toBeInTheDocument();
    expect(nameHeader).not.toHaveAttribute("aria-sort");
    expect(screen.getByRole("button", { name: "Sort by updated, now descending" })).toBeInTheDocument();
  });

  it("opens a full-width details row under the row that asks for it", async () => {
    const user = userEvent.setup();
    render(<Fruits />);
    const apple = screen.getByRole("row", { name: "Fruit Apple" });
    await user.click(within(apple).getByRole("button", { name: "Details" }));

    const rows = screen.getAllByRole("row");
    expect(rows).toHaveLength(1 + FRUITS.length + 1);
    expect(rows[2]).toHaveTextContent("Grown in Kazakhstan");
    expect(within(rows[2]!).getByRole("cell")).toHaveAttribute("colspan", "4");
    expect(within(apple).getByRole("button", { name: "Details" })).toHaveAttribute("aria-expanded", "true");

    await user.click(within(apple).getByRole("button", { name: "Details" }));
    expect(screen.queryByText("Grown in Kazakhstan")).not.toBeInTheDocument();
  });

  it("hands the row's item to its action", async () => {
    const user = userEvent.setup();
    const deleted: string[] = [];
    render(<Fruits onDelete={(f) => deleted.push(f.id)} />);
    await user.click(screen.getByRole("button", { name: "Delete fruit Kiwi" }));
    expect(deleted).toEqual(["kiwi"]);
  });
});
