/**
 * The directory of supervised operators (监管主体目录) of the regulator's region, or a part of it:
 * filtered by status on the server and by a search text on the device, paged with 加载更多; each
 * operator links to its public page (/o/{id}, where its identity card's QR points).
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get } from '../../api.js';
import type { OperatorStatus } from '../../../../src/domain/index.js';
import { screenTitles } from '../../screenWords.js';
import { type Session, signOut } from '../../session.js';
import { Screen } from '../../ui/Screen.js';
import { uiWords } from '../../ui/words.js';
import { keysOf, labels } from './labels.js';
import { identityPage, matchesOperator, type OperatorPage, type OperatorView } from './lists.js';
import { regulatorWords } from './words.js';
import './regulator.css';

const PAGE = 100;

type Listing =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly operators: readonly OperatorView[]; readonly next?: string }
  | { readonly kind: 'failed'; readonly message: string };

/** directoryPath: the directory read for a status ('' all) and region ('' the caller's), after a page's `next`. */
const directoryPath = (status: string, region: string, after?: string): string => {
  const query = new URLSearchParams({ limit: String(PAGE) });
  if (status !== '') query.set('status', status);
  if (region !== '') query.set('region', region);
  if (after !== undefined) query.set('after', after);
  return `/v1/operators?${query}`;
};

export function Directory({ session }: { session: Session }) {
  const t = regulatorWords();
  const ui = uiWords();
  const names = labels();
  const [status, setStatus] = useState<OperatorStatus | ''>('');
  const [typedRegion, setTypedRegion] = useState('');
  const [region, setRegion] = useState('');
  const [search, setSearch] = useState('');
  const [listing, setListing] = useState<Listing>({ kind: 'loading' });
  const [round, setRound] = useState(0);

  const read = (after?: string): Promise<OperatorPage> => get<OperatorPage>(session, directoryPath(status, region, after));
  const failed = (error: unknown): void => {
    if (error instanceof ApiError && error.problem.status === 401) signOut();
    setListing({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  };
  useEffect(() => {
    let current = true;
    setListing({ kind: 'loading' });
    read().then(
      (page) => current && setListing({ kind: 'loaded', operators: page.operators, ...(page.next ? { next: page.next } : {}) }),
      (error) => current && failed(error),
    );
    return () => {
      current = false;
    };
  }, [session.key, status, region, round]);
  const more = (loaded: Extract<Listing, { kind: 'loaded' }>): void => {
    read(loaded.next).then(
      (page) =>
        setListing({ kind: 'loaded', operators: [...loaded.operators, ...page.operators], ...(page.next ? { next: page.next } : {}) }),
      failed,
    );
  };
  const shown = listing.kind === 'loaded' ? listing.operators.filter((operator) => matchesOperator(operator, search)) : [];

  return (
    <Screen title={screenTitles().directory.title}>
      <form
        class="card form filters"
        onSubmit={(event) => {
          event.preventDefault();
          setRegion(typedRegion.trim());
          setRound((n) => n + 1);
        }}
      >
        <label for="directory-search">{t.search}</label>
        <input
          id="directory-search"
          type="search"
          autocomplete="off"
          value={search}
          onInput={(event) => setSearch(event.currentTarget.value)}
        />
        <div class="row">
          <div>
            <label for="directory-status">{t.status}</label>
            <select id="directory-status" value={status} onChange={(event) => setStatus(event.currentTarget.value as OperatorStatus | '')}>
              <option value="">{t.all}</option>
              {keysOf(names.operatorStatuses).map((key) => (
                <option key={key} value={key}>
                  {names.operatorStatuses[key]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="directory-region">{t.regionFilter}</label>
            <input
              id="directory-region"
              inputMode="numeric"
              autocomplete="off"
              value={typedRegion}
              onInput={(event) => setTypedRegion(event.currentTarget.value)}
            />
          </div>
        </div>
        <button type="submit" class="primary">
          {t.query}
        </button>
      </form>
      {listing.kind === 'loading' ? <p role="status">{ui.loading}</p> : null}
      {listing.kind === 'failed' ? (
        <div role="alert" class="problem">
          <p>
            {ui.loadFailed}: {listing.message}
          </p>
          <button type="button" class="secondary" onClick={() => setRound((n) => n + 1)}>
            {ui.retry}
          </button>
        </div>
      ) : null}
      {listing.kind === 'loaded' ? (
        <section class="card" aria-labelledby="directory-title">
          <h2 id="directory-title">{screenTitles().directory.title}</h2>
          <p class="hint" role="status" data-testid="directory-count">
            {t.shown(shown.length, listing.operators.length)}
          </p>
          {shown.length === 0 ? (
            <p class="hint">{t.none}</p>
          ) : (
            <div class="table-scroll">
              <table data-testid="directory-table">
                <caption class="visually-hidden">{screenTitles().directory.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.name}</th>
                    <th scope="col">{t.operatorId}</th>
                    <th scope="col">{t.kind}</th>
                    <th scope="col">{t.region}</th>
                    <th scope="col">{t.status}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((operator) => (
                    <tr key={operator.id} data-testid="directory-row" data-operator-id={operator.id} data-status={operator.status}>
                      <th scope="row">
                        <a href={identityPage(operator.id)}>{operator.name}</a>
                      </th>
                      <td class="code">{operator.id}</td>
                      <td>{names.operatorKinds[operator.kind]}</td>
                      <td>{operator.regionName ?? operator.region}</td>
                      <td>
                        <span class={`badge badge-${operator.status}`}>{names.operatorStatuses[operator.status]}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {listing.next ? (
            <button type="button" class="secondary" onClick={() => more(listing)}>
              {t.loadMore}
            </button>
          ) : null}
        </section>
      ) : null}
    </Screen>
  );
}
