import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { ListResults, type ListQuery } from "./list-results";

const pending: ListQuery = { isPending: true, isSuccess: false, isError: false, error: null };
const answered: ListQuery = { isPending: false, isSuccess: true, isError: false, error: null };

function Things({ query, count, onClear }: { query: ListQuery; count: number; onClear?: () => void }) {
  return (
    <ListResults
      query={query}
      count={count}
      loading="Loading things…"
      icon="connectors"
      empty={{ title: "No things yet", children: "Create one." }}
      noMatch={onClear && { title: "No things match", onClear, children: "Nothing matches." }}
      loadMoreLabel="Load more things"
    >
      <p>Thing one</p>
    </ListResults>
  );
}

describe("ListResults", () => {
  it("hydrates to the server's loading state even when the answer is already cached, then shows it", async () => {
    const container = document.createElement("div");
    container.innerHTML = renderToString(<Things query={pending} count={0} />);
    document.body.appendChild(container);
    onTestFinished(() => container.remove());
    expect(container).toHaveTextContent("Loading things…");

    const mismatches = vi.fn();
    await act(async () => {
      const root = hydrateRoot(container, <Things query={answered} count={1} />, { onRecoverableError: mismatches });
      onTestFinished(() => act(() => root.unmount()));
    });
    expect(mismatches).not.toHaveBeenCalled();
    expect(screen.getByText("Thing one")).toBeInTheDocument();
    expect(screen.queryByText("Loading things…")).not.toBeInTheDocument();
  });

  it("tells an empty list from one its filters emptied, and offers to clear them", async () => {
    const user = userEvent.setup();
    const onClear = vi.fn();
    const { rerender } = render(<Things query={answered} count={0} />);
    expect(screen.getByRole("region", { name: "No things yet" })).toHaveTextContent("Create one.");
    expect(screen.queryByText("Thing one")).not.toBeInTheDocument();

    rerender(<Things query={answered} count={0} onClear={onClear} />);
    expect(screen.getByRole("region", { name: "No things match" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Clear filters" }));
    expect(onClear).toHaveBeenCalledTimes(1);
  });

  it("shows the query's error, and loads the next page while the API has one", async () => {
    const user = userEvent.setup();
    const fetchNextPage = vi.fn();
    const failed: ListQuery = { ...pending, isPending: false, isError: true, error: new Error("Database down") };
    const { rerender } = render(<Things query={failed} count={0} />);
    expect(screen.getByRole("alert")).toHaveTextContent("Database down");

    rerender(<Things query={{ ...answered, hasNextPage: true, fetchNextPage }} count={1} />);
    await user.click(screen.getByRole("button", { name: "Load more things" }));
    expect(fetchNextPage).toHaveBeenCalledTimes(1);
    rerender(<Things query={{ ...answered, hasNextPage: false, fetchNextPage }} count={1} />);
    expect(screen.queryByRole("button", { name: "Load more things" })).not.toBeInTheDocument();
  });
});
