/** The console's pages: 上课 (the lesson), 班级与名单, 统计, 导出, 隐私与账号. Plain links, so reload keeps the page. */
import { Link } from 'wouter';
import { useT } from '../../i18n';
import '../../styles/ledger-lesson.css';

export const TEACH_TABS = ['lesson', 'classes', 'stats', 'export', 'privacy'] as const;
export type TeachTab = (typeof TEACH_TABS)[number];

export function tabFromPath(path: string): TeachTab {
  const last = path.replace(/\/+$/, '').split('/').pop();
  return TEACH_TABS.find((tab) => tab === last && tab !== 'lesson') ?? 'lesson';
}

export function TeachTabs({ current }: { current: TeachTab }) {
  const t = useT();
  return (
    <nav className="teach-tabs" aria-label={t('teach.title')}>
      {TEACH_TABS.map((tab) => (
        <Link
          key={tab}
          href={tab === 'lesson' ? '/teach' : `/teach/${tab}`}
          className={`teach-tab${tab === current ? ' is-current' : ''}`}
          aria-current={tab === current ? 'page' : undefined}
          data-testid={`tab-${tab}`}
        >
          {t(`ledger.tabs.${tab}`)}
        </Link>
      ))}
    </nav>
  );
}
