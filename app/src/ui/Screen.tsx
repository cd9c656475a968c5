/** The frame of a screen other than home: its title (the page's one h1) and the way back home. */
import type { ComponentChildren } from 'preact';
import { Link } from '../router.js';
import { uiWords } from './words.js';

export function Screen({ title, children, testId }: { title: string; children: ComponentChildren; testId?: string }) {
  const t = uiWords();
  return (
    <>
      <nav aria-label={t.home} class="crumbs">
        <Link href="/app/">← {t.back}</Link>
      </nav>
      <h1 class="screen-title" data-testid={testId}>
        {title}
      </h1>
      {children}
    </>
  );
}
