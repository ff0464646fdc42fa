/**
 * The CNN lab's views one click away: a tab list (ARIA tabs: arrow keys, Home and End move
 * between tabs) over one panel. Only the chosen view is mounted, so the page at rest stays
 * short and the views nobody looks at cost nothing while training runs.
 */
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface CnnTab {
  readonly id: string;
  readonly title: string;
  readonly content: () => ReactNode;
}

export function CnnTabs(props: {
  readonly label: string;
  readonly tabs: readonly CnnTab[];
  /** The tab open on first render (default the first). */
  readonly initial?: string;
}) {
  const { label, tabs } = props;
  const base = useId();
  const [chosen, setChosen] = useState(props.initial ?? tabs[0]?.id ?? '');
  const active = tabs.find((tab) => tab.id === chosen) ?? tabs[0];
  const tabId = (id: string) => `${base}-tab-${id}`;
  const panelId = `${base}-panel`;

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const at = tabs.findIndex((tab) => tab.id === active?.id);
    const next =
      event.key === 'ArrowRight'
        ? (at + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (at - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : -1;
    const tab = tabs[next];
    if (!tab) return;
    event.preventDefault();
    setChosen(tab.id);
    document.getElementById(tabId(tab.id))?.focus();
  };

  return (
    <div className="dl-cnn-tabs">
      <div className="dl-cnn-tablist" role="tablist" aria-label={label}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            id={tabId(tab.id)}
            type="button"
            role="tab"
            aria-selected={tab.id === active?.id}
            aria-controls={panelId}
            tabIndex={tab.id === active?.id ? 0 : -1}
            onClick={() => setChosen(tab.id)}
            onKeyDown={onKeyDown}
          >
            {tab.title}
          </button>
        ))}
      </div>
      {active && (
        <div
          id={panelId}
          className="dl-cnn-tabpanel"
          role="tabpanel"
          aria-labelledby={tabId(active.id)}
        >
          {active.content()}
        </div>
      )}
    </div>
  );
}
