/**
 * RegionCell: a report row's region as its row header; a region with rows of its own is a link to
 * its report, and the link covers the whole row (reports.css), so a tap anywhere on the row drills in.
 */
import { Link } from '../../router.js';

export function RegionCell({ name, region, href }: { name: string; region: string; href: string | undefined }) {
  return (
    <th scope="row">
      {href === undefined ? (
        name
      ) : (
        <Link href={href} class="drill" data-testid="drill" data-region={region}>
          {name}
        </Link>
      )}
      <span class="region-code">{region}</span>
    </th>
  );
}
