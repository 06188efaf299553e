/**
 * Activity clients, loaded when an activity first appears on this screen (a tablet when the
 * teacher starts, the projector and console when their lesson runs). The join page carries no
 * activity code: 40 tablets on school Wi-Fi load only the one activity of today's lesson, once it
 * starts, while the child looks at "等老师开始" or the stage's own loading note.
 *
 * A loaded activity's strings are registered with i18next (see i18n) before any of its components
 * renders, so its controls find their namespace; a load is made once per page and shared.
 */
import { type AnyActivityClient, type LoadedActivityClient, loadActivityClient } from '@heartlamp/activities/client';
import { useEffect, useState } from 'react';
import { addActivityStrings } from '../i18n';

/** `failed`: the chunk could not be fetched (the network dropped); a reload tries again. */
export type ActivityClientStatus =
  | { status: 'loading' }
  | { status: 'ready'; client: AnyActivityClient }
  | { status: 'unknown' }
  | { status: 'failed' };

const loads = new Map<string, Promise<LoadedActivityClient | undefined>>();
const loaded = new Map<string, LoadedActivityClient | undefined>();

/** Loads activity `id` once per page (a failed load is forgotten, so it can be tried again). */
export function loadActivity(id: string): Promise<LoadedActivityClient | undefined> {
  let load = loads.get(id);
  if (!load) {
    load = loadActivityClient(id).then(
      (activity) => {
        if (activity) addActivityStrings(activity);
        loaded.set(id, activity);
        return activity;
      },
      (error: unknown) => {
        loads.delete(id);
        throw error;
      },
    );
    loads.set(id, load);
  }
  return load;
}

function statusOf(id: string): ActivityClientStatus {
  if (!loaded.has(id)) return { status: 'loading' };
  const activity = loaded.get(id);
  return activity ? { status: 'ready', client: activity.client } : { status: 'unknown' };
}

/** Activity `id`'s client, loading it on first use; synchronous once loaded (no loading flash). */
export function useActivityClient(id: string): ActivityClientStatus {
  const [state, setState] = useState<{ id: string; status: ActivityClientStatus }>(() => ({
    id,
    status: statusOf(id),
  }));
  useEffect(() => {
    if (loaded.has(id)) {
      setState((s) => (s.id === id && s.status.status !== 'loading' ? s : { id, status: statusOf(id) }));
      return;
    }
    let current = true;
    loadActivity(id).then(
      () => {
        if (current) setState({ id, status: statusOf(id) });
      },
      () => {
        if (current) setState({ id, status: { status: 'failed' } });
      },
    );
    return () => {
      current = false;
    };
  }, [id]);
  // A new id renders its own status at once, not the previous activity's for one frame.
  return state.id === id ? state.status : statusOf(id);
}
