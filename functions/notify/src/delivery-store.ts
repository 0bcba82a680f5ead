export * from '@schoolgate/store';
